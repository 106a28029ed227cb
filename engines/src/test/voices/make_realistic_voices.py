#!/usr/bin/python3
"""Builds compute-realistic Piper test voices: Piper's VITS inference network (text encoder with
relative-position attention, stochastic duration predictor, flow of mean-only couplings, HiFi-GAN
decoder) with Piper's hyperparameters and seeded random weights, exported the way Piper exports
voices (opset 15; `input` int64 [1,N], `input_lengths` int64 [1], `scales` float32 [3] ->
`output` float32 [1,1,1,samples]). The voices cost what real ones cost; they say nothing.

Durations are biased so that each phoneme id lasts about 25 ms, as in real speech: the duration
predictor's last (elementwise affine) flow is set so that log(duration) centres on a fixed value.

    /usr/bin/python3 make_realistic_voices.py [--cache DIR] [QUALITY ...]

QUALITY is medium (22050 Hz, 15,650,459 parameters) or x_low (16000 Hz); default both. The voices
are written once to DIR/<hash of this file>/en_US-realistic-<quality>.onnx(.json) (DIR defaults to
.cache/voices at the repository root, which git ignores) and the directory is printed: later runs
print it at once. Needs Debian's python3-torch (dist/scripts/prerequisites.sh installs it).
"""

import argparse
import fcntl
import hashlib
import json
import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
SEED = 20261201
HOP = 256
SECONDS_PER_ID = 0.025
LOG_DURATION_SPREAD = 0.25  # exp(-logs) of the duration predictor's affine flow: durations vary


@dataclass(frozen=True)
class Quality:
    name: str
    sample_rate: int
    hidden: int  # text encoder channels; also the duration predictor's
    inter: int  # latent channels the decoder reads
    filter: int  # text encoder feed-forward channels
    heads: int = 2
    layers: int = 6
    ffn_kernel: int = 3
    window: int = 4
    upsample_initial: int = 256
    upsample_rates: tuple = (8, 8, 4)
    upsample_kernels: tuple = (16, 16, 8)
    resblock_kernels: tuple = (3, 5, 7)
    resblock_dilations: tuple = ((1, 2), (2, 6), (3, 12))
    flow_hidden: int = 192  # Piper passes hidden_channels; set per quality below
    symbols: int = 256


QUALITIES = {
    "medium": Quality("medium", 22050, hidden=192, inter=192, filter=768, flow_hidden=192),
    "x_low": Quality("x_low", 16000, hidden=96, inter=96, filter=384, flow_hidden=96),
}


def voice_id(quality):
    return f"en_US-realistic-{quality.name}"


def cache_key():
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# The network. Imports of torch are inside build() so that a cache hit needs no torch.


def build(quality):
    import torch
    from torch import nn
    from torch.nn import functional as F

    def channel_norm(x, norm):
        # Piper's LayerNorm normalizes over channels of a [b, c, t] tensor.
        return norm(x.transpose(1, -1)).transpose(1, -1)

    class RelativeSelfAttention(nn.Module):
        """Multi-head self-attention with relative-position keys and values (window shared by heads)."""

        def __init__(self, channels, heads, window):
            super().__init__()
            self.heads, self.window, self.k = heads, window, channels // heads
            self.q, self.kc, self.v, self.o = (nn.Conv1d(channels, channels, 1) for _ in range(4))
            self.rel_k = nn.Parameter(torch.randn(1, 2 * window + 1, self.k) * self.k ** -0.5)
            self.rel_v = nn.Parameter(torch.randn(1, 2 * window + 1, self.k) * self.k ** -0.5)

        def relative(self, table, length):
            pad = max(length - (self.window + 1), 0)
            start = max((self.window + 1) - length, 0)
            if pad > 0:
                table = F.pad(table, (0, 0, pad, pad, 0, 0))
            return table[:, start:start + 2 * length - 1]

        @staticmethod
        def to_absolute(x):
            b, h, n, _ = x.size()
            x = F.pad(x, (0, 1, 0, 0, 0, 0, 0, 0)).view([b, h, n * 2 * n])
            x = F.pad(x, (0, n - 1, 0, 0, 0, 0))
            return x.view([b, h, n + 1, 2 * n - 1])[:, :, :n, n - 1:]

        @staticmethod
        def to_relative(x):
            b, h, n, _ = x.size()
            x = F.pad(x, (0, n - 1, 0, 0, 0, 0, 0, 0)).view([b, h, n * n + n * (n - 1)])
            x = F.pad(x, (n, 0, 0, 0, 0, 0))
            return x.view([b, h, n, 2 * n])[:, :, :, 1:]

        def forward(self, x, mask):
            b, d, n = x.size()
            q = self.q(x).view(b, self.heads, self.k, n).transpose(2, 3) / math.sqrt(self.k)
            k = self.kc(x).view(b, self.heads, self.k, n).transpose(2, 3)
            v = self.v(x).view(b, self.heads, self.k, n).transpose(2, 3)
            scores = torch.matmul(q, k.transpose(-2, -1))
            rel = torch.matmul(q, self.relative(self.rel_k, n).unsqueeze(0).transpose(-2, -1))
            scores = (scores + self.to_absolute(rel)).masked_fill(mask == 0, -1e4)
            weights = F.softmax(scores, dim=-1)
            out = torch.matmul(weights, v)
            out = out + torch.matmul(self.to_relative(weights), self.relative(self.rel_v, n).unsqueeze(0))
            return self.o(out.transpose(2, 3).contiguous().view(b, d, n))

    class FeedForward(nn.Module):
        def __init__(self, channels, filter_channels, kernel):
            super().__init__()
            self.kernel = kernel
            self.c1 = nn.Conv1d(channels, filter_channels, kernel)
            self.c2 = nn.Conv1d(filter_channels, channels, kernel)

        def same(self, x):
            return F.pad(x, ((self.kernel - 1) // 2, self.kernel // 2, 0, 0, 0, 0))

        def forward(self, x, mask):
            x = torch.relu(self.c1(self.same(x * mask)))
            return self.c2(self.same(x * mask)) * mask

    class TextEncoder(nn.Module):
        def __init__(self, q):
            super().__init__()
            self.hidden = q.hidden
            self.emb = nn.Embedding(q.symbols, q.hidden)
            self.attn = nn.ModuleList(RelativeSelfAttention(q.hidden, q.heads, q.window) for _ in range(q.layers))
            self.ffn = nn.ModuleList(FeedForward(q.hidden, q.filter, q.ffn_kernel) for _ in range(q.layers))
            self.norm1 = nn.ModuleList(nn.LayerNorm(q.hidden) for _ in range(q.layers))
            self.norm2 = nn.ModuleList(nn.LayerNorm(q.hidden) for _ in range(q.layers))
            self.proj = nn.Conv1d(q.hidden, q.inter * 2, 1)
            self.inter = q.inter

        def forward(self, ids, lengths):
            x = torch.transpose(self.emb(ids) * math.sqrt(self.hidden), 1, -1)
            mask = (torch.arange(x.size(2), dtype=lengths.dtype).unsqueeze(0) < lengths.unsqueeze(1))
            mask = mask.unsqueeze(1).type_as(x)
            pair_mask = mask.unsqueeze(2) * mask.unsqueeze(-1)
            x = x * mask
            for attn, ffn, n1, n2 in zip(self.attn, self.ffn, self.norm1, self.norm2):
                x = channel_norm(x + attn(x, pair_mask), n1)
                x = channel_norm(x + ffn(x, mask), n2)
            x = x * mask
            stats = self.proj(x) * mask
            mean, log_std = torch.split(stats, self.inter, dim=1)
            return x, mean, log_std, mask

    class DilatedSeparableConvs(nn.Module):
        """Piper's DDSConv: depthwise convolutions with dilation kernel**i, 1x1 mixing, GELU."""

        def __init__(self, channels, kernel, layers):
            super().__init__()
            self.sep = nn.ModuleList(
                nn.Conv1d(channels, channels, kernel, groups=channels, dilation=kernel ** i,
                          padding=(kernel * kernel ** i - kernel ** i) // 2) for i in range(layers))
            self.mix = nn.ModuleList(nn.Conv1d(channels, channels, 1) for _ in range(layers))
            self.n1 = nn.ModuleList(nn.LayerNorm(channels) for _ in range(layers))
            self.n2 = nn.ModuleList(nn.LayerNorm(channels) for _ in range(layers))

        def forward(self, x, mask, g=None):
            if g is not None:
                x = x + g
            for sep, mix, n1, n2 in zip(self.sep, self.mix, self.n1, self.n2):
                y = F.gelu(channel_norm(sep(x * mask), n1))
                x = x + F.gelu(channel_norm(mix(y), n2))
            return x * mask

    def spline_inverse(x, widths_raw, heights_raw, slopes_raw, bound, min_size=1e-3):
        """Inverse of a rational-quadratic spline on [-bound, bound], identity outside."""
        bins = widths_raw.shape[-1]
        edge = math.log(math.exp(1 - min_size) - 1)
        slopes_raw = F.pad(slopes_raw, (1, 1), value=edge)

        def knots(raw):
            size = min_size + (1 - min_size * bins) * F.softmax(raw, dim=-1)
            cum = F.pad(torch.cumsum(size, dim=-1), (1, 0), value=0.0)
            cum = 2 * bound * cum - bound
            cum = torch.cat([torch.full_like(cum[..., :1], -bound), cum[..., 1:-1],
                             torch.full_like(cum[..., :1], bound)], dim=-1)
            return cum, cum[..., 1:] - cum[..., :-1]

        cum_w, widths = knots(widths_raw)
        cum_h, heights = knots(heights_raw)
        slopes = min_size + F.softplus(slopes_raw)
        locations = torch.cat([cum_h[..., :-1], cum_h[..., -1:] + 1e-6], dim=-1)
        index = (torch.sum(x[..., None] >= locations, dim=-1) - 1).clamp(0, bins - 1)[..., None]

        def pick(t):
            return t.gather(-1, index)[..., 0]

        x0, w, y0, h = pick(cum_w), pick(widths), pick(cum_h), pick(heights)
        delta = h / w
        d0, d1 = pick(slopes[..., :-1]), pick(slopes[..., 1:])
        shifted = x - y0
        curve = d0 + d1 - 2 * delta
        a = shifted * curve + h * (delta - d0)
        b = h * d0 - shifted * curve
        c = -delta * shifted
        disc = torch.clamp(b * b - 4 * a * c, min=0.0)
        theta = (2 * c) / (-b - torch.sqrt(disc))
        inside = (x >= -bound) & (x <= bound)
        return torch.where(inside, theta * w + x0, x)

    class SplineFlow(nn.Module):
        """Piper's ConvFlow (10 bins, tail bound 5), inference direction only."""

        def __init__(self, channels, kernel, bins=10, bound=5.0):
            super().__init__()
            self.channels, self.bins, self.bound = channels, bins, bound
            self.pre = nn.Conv1d(1, channels, 1)
            self.convs = DilatedSeparableConvs(channels, kernel, 3)
            self.proj = nn.Conv1d(channels, 3 * bins - 1, 1)

        def forward(self, x, mask, g):
            x0, x1 = torch.split(x, [1, 1], 1)
            h = self.proj(self.convs(self.pre(x0), mask, g=g)) * mask
            b, c, t = x0.shape
            h = h.reshape(b, c, -1, t).permute(0, 1, 3, 2)
            scale = math.sqrt(self.channels)
            x1 = spline_inverse(x1, h[..., :self.bins] / scale, h[..., self.bins:2 * self.bins] / scale,
                                h[..., 2 * self.bins:], self.bound)
            return torch.cat([x0, x1], 1) * mask

    class DurationPredictor(nn.Module):
        """The stochastic duration predictor's inference path: 3 spline flows and the affine flow."""

        def __init__(self, q):
            super().__init__()
            c = q.hidden  # Piper sets its filter channels to its input channels
            self.pre = nn.Conv1d(c, c, 1)
            self.convs = DilatedSeparableConvs(c, 3, 3)
            self.proj = nn.Conv1d(c, c, 1)
            self.flows = nn.ModuleList(SplineFlow(c, 3) for _ in range(3))
            self.affine_m = nn.Parameter(torch.zeros(2, 1))
            self.affine_logs = nn.Parameter(torch.zeros(2, 1))

        def forward(self, x, mask, noise_scale):
            x = self.proj(self.convs(self.pre(x), mask)) * mask
            z = torch.randn(x.size(0), 2, x.size(2)).type_as(x) * noise_scale
            for flow in self.flows:
                z = flow(torch.flip(z, [1]), mask, x)
            z = torch.flip(z, [1])
            z = (z - self.affine_m) * torch.exp(-self.affine_logs) * mask
            return torch.split(z, [1, 1], 1)[0]

    class WaveNet(nn.Module):
        def __init__(self, hidden, kernel, layers):
            super().__init__()
            self.hidden = hidden
            self.ins = nn.ModuleList(nn.Conv1d(hidden, 2 * hidden, kernel, padding=kernel // 2) for _ in range(layers))
            self.skips = nn.ModuleList(
                nn.Conv1d(hidden, 2 * hidden if i < layers - 1 else hidden, 1) for i in range(layers))

        def forward(self, x, mask):
            out = torch.zeros_like(x)
            for i, (conv_in, conv_skip) in enumerate(zip(self.ins, self.skips)):
                h = conv_in(x)
                acts = conv_skip(torch.tanh(h[:, :self.hidden]) * torch.sigmoid(h[:, self.hidden:]))
                if i < len(self.ins) - 1:
                    x = (x + acts[:, :self.hidden]) * mask
                    out = out + acts[:, self.hidden:]
                else:
                    out = out + acts
            return out * mask

    class MeanOnlyCoupling(nn.Module):
        def __init__(self, channels, hidden):
            super().__init__()
            self.half = channels // 2
            self.pre = nn.Conv1d(self.half, hidden, 1)
            self.net = WaveNet(hidden, 5, 4)
            self.post = nn.Conv1d(hidden, self.half, 1)

        def forward(self, x, mask):
            x0, x1 = torch.split(x, [self.half] * 2, 1)
            mean = self.post(self.net(self.pre(x0) * mask, mask)) * mask
            return torch.cat([x0, (x1 - mean) * mask], 1)

    class Flow(nn.Module):
        def __init__(self, q):
            super().__init__()
            self.couplings = nn.ModuleList(MeanOnlyCoupling(q.inter, q.flow_hidden) for _ in range(4))

        def forward(self, x, mask):
            for coupling in reversed(self.couplings):
                x = coupling(torch.flip(x, [1]), mask)
            return x

    class ResBlock(nn.Module):
        def __init__(self, channels, kernel, dilations):
            super().__init__()
            self.convs = nn.ModuleList(
                nn.Conv1d(channels, channels, kernel, dilation=d, padding=(kernel * d - d) // 2) for d in dilations)

        def forward(self, x):
            for conv in self.convs:
                x = x + conv(F.leaky_relu(x, 0.1))
            return x

    class Decoder(nn.Module):
        """HiFi-GAN generator with Piper's resblock "2" (weight norm already folded in)."""

        def __init__(self, q):
            super().__init__()
            c = q.upsample_initial
            self.pre = nn.Conv1d(q.inter, c, 7, 1, padding=3)
            self.ups = nn.ModuleList(
                nn.ConvTranspose1d(c // 2 ** i, c // 2 ** (i + 1), k, u, padding=(k - u) // 2)
                for i, (u, k) in enumerate(zip(q.upsample_rates, q.upsample_kernels)))
            self.blocks = nn.ModuleList(
                nn.ModuleList(ResBlock(c // 2 ** (i + 1), k, d) for k, d in zip(q.resblock_kernels, q.resblock_dilations))
                for i in range(len(q.upsample_rates)))
            self.post = nn.Conv1d(c // 2 ** len(q.upsample_rates), 1, 7, 1, padding=3, bias=False)

        def forward(self, x):
            x = self.pre(x)
            for up, blocks in zip(self.ups, self.blocks):
                x = up(F.leaky_relu(x, 0.1))
                total = blocks[0](x)
                for block in blocks[1:]:
                    total = total + block(x)
                x = total / len(blocks)
            return torch.tanh(self.post(F.leaky_relu(x)))

    class Voice(nn.Module):
        def __init__(self, q):
            super().__init__()
            self.enc = TextEncoder(q)
            self.dp = DurationPredictor(q)
            self.flow = Flow(q)
            self.dec = Decoder(q)

        def forward(self, ids, lengths, scales):
            noise_scale, length_scale, noise_w = scales[0], scales[1], scales[2]
            x, mean, log_std, mask = self.enc(ids, lengths)
            log_w = self.dp(x, mask, noise_w)
            w_ceil = torch.ceil(torch.exp(log_w) * mask * length_scale)
            frames = torch.clamp_min(torch.sum(w_ceil, [1, 2]), 1).long()
            frame_mask = (torch.arange(frames.max(), dtype=frames.dtype).unsqueeze(0) < frames.unsqueeze(1))
            frame_mask = frame_mask.unsqueeze(1).type_as(mask)
            # Which phoneme each frame belongs to: frame t is in phoneme j when ends[j-1] <= t < ends[j].
            ends = torch.cumsum(w_ceil, -1).view(-1)
            t = torch.arange(frame_mask.size(2), dtype=ends.dtype)
            before_end = (t.unsqueeze(0) < ends.unsqueeze(1)).type_as(mask)  # [phonemes, frames]
            path = before_end - F.pad(before_end, (0, 0, 1, 0))[:-1]
            path = path.unsqueeze(0) * mask.transpose(1, 2) * frame_mask  # [1, phonemes, frames]
            mean = torch.matmul(mean, path)
            log_std = torch.matmul(log_std, path)
            z = mean + torch.randn_like(mean) * torch.exp(log_std) * noise_scale
            z = self.flow(z, frame_mask)
            return self.dec(z * frame_mask).unsqueeze(1)

    torch.manual_seed(SEED)
    model = Voice(quality)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, (nn.Conv1d, nn.ConvTranspose1d)):
                # Variance-preserving random weights keep every layer's activations near unit
                # scale, as trained weights do (tiny ones would leave denormals and zeros).
                weight = module.weight
                fan_in = weight[0].numel() if isinstance(module, nn.Conv1d) \
                    else weight.shape[0] * weight.shape[2] // module.stride[0]
                nn.init.normal_(weight, 0.0, 1.0 / math.sqrt(fan_in))
                if module.bias is not None:
                    nn.init.normal_(module.bias, 0.0, 0.1)
        nn.init.normal_(model.enc.emb.weight, 0.0, quality.hidden ** -0.5)
        model.dec.post.weight.mul_(0.2)  # speech-like level (RMS ~0.2) instead of a saturated tanh
        frames_per_id = SECONDS_PER_ID * quality.sample_rate / HOP
        # ceil adds half a frame on average; the affine flow maps z to log_w = -m * exp(-logs) + spread.
        target_log_w = math.log(max(frames_per_id - 0.5, 0.55))
        model.dp.affine_logs.fill_(-math.log(LOG_DURATION_SPREAD))
        model.dp.affine_m.fill_(-target_log_w / LOG_DURATION_SPREAD)
    model.eval()
    return model


def export(quality, directory):
    import warnings

    import torch

    warnings.filterwarnings("ignore")  # the tracer's warnings are the ones Piper's export prints too

    model = build(quality)
    parameters = sum(p.numel() for p in model.parameters())
    ids = torch.randint(low=0, high=quality.symbols, size=(1, 50), dtype=torch.long)
    lengths = torch.LongTensor([ids.size(1)])
    scales = torch.FloatTensor([0.667, 1.0, 0.8])
    onnx_path = directory / f"{voice_id(quality)}.onnx"
    with torch.no_grad():
        torch.onnx.export(model, (ids, lengths, scales), str(onnx_path), opset_version=15,
                          input_names=["input", "input_lengths", "scales"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch_size", 1: "phonemes"},
                                        "input_lengths": {0: "batch_size"},
                                        "output": {0: "batch_size", 1: "time"}})
    # The .onnx.json marks the voice complete (ensure), so it appears whole or not at all: a
    # generator that fails part way leaves nothing a later run would take for a voice.
    text = json.dumps(config(quality, parameters), ensure_ascii=False, indent=4) + "\n"
    json_path = directory / f"{voice_id(quality)}.onnx.json"
    partial = json_path.with_name(json_path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, json_path)


def config(quality, parameters):
    sys.path.insert(0, str(HERE))
    from make_test_voices import config as piper_config

    result = piper_config(quality.sample_rate, quality.name, {})
    result["dataset"] = "realistic"
    # Not read by Piper: what the test checks the generator against.
    result["realistic"] = {"parameters": parameters, "seed": SEED, "seconds_per_id": SECONDS_PER_ID}
    return result


def ensure(qualities, cache):
    directory = cache / cache_key()
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one generator per cache; the others wait and reuse
        for quality in qualities:
            json_path = directory / f"{voice_id(quality)}.onnx.json"
            if not json_path.exists():
                # The .onnx.json is written last: its presence means the voice is complete.
                export(quality, directory)
    return directory


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=REPO / ".cache" / "voices")
    parser.add_argument("qualities", nargs="*", metavar="QUALITY", help=" or ".join(QUALITIES))
    args = parser.parse_args()
    unknown = [name for name in args.qualities if name not in QUALITIES]
    if unknown:
        parser.error(f"unknown quality {unknown[0]!r} (use {' or '.join(QUALITIES)})")
    print(ensure([QUALITIES[name] for name in args.qualities or QUALITIES], args.cache.resolve()))


if __name__ == "__main__":
    main()
