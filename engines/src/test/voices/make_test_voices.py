#!/usr/bin/python3
"""Builds the Piper test voices: tiny ONNX models with Piper's exact inputs and output whose
audio encodes the phoneme ids they were given, so tests can decode what the engine sent.

Each id becomes one block of a pure tone:
  block length L = floor(1024 * length_scale) samples (at least 1)
  frequency bin k = BASE + STRIDE * id + sid, i.e. k * sample_rate / 1024 Hz
  amplitude = noise_scale (so peak normalization has something to undo)
noise_w and input_lengths are accepted and ignored.

Run with Debian's python3-onnx:  /usr/bin/python3 make_test_voices.py   (writes next to itself)
"""

import json
import math
from pathlib import Path

from onnx import TensorProto, helper, save_model

BLOCK = 1024  # samples per id at length_scale 1, and the tone period grid
BASE = 8  # lowest frequency bin (id 0)
HERE = Path(__file__).parent

# Piper's default phoneme_id_map (piper1-gpl phoneme_ids.py), single code points only, as
# exported with the English voices: covers espeak-ng's English IPA and punctuation.
PHONEME_IDS = (
    "_^$ !'(),-.:;?abcdefhijklmnopqrstuvwxyz"
    "æçðøħŋœǀǁǂǃɐɑɒɓɔɕɖɗɘəɚɛɜɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢʲˈˌːˑ˞βθχᵻⱱ"
    "0123456789\u0327\u0303\u032a\u032f\u0329ʰˤε↓#\"↑\u033a\u033bgʦX\u031d\u030aɝʷ"
)


def phoneme_id_map():
    return {p: [i] for i, p in enumerate(PHONEME_IDS)}


def const(name, value, dtype=TensorProto.INT64, dims=()):
    values = value if isinstance(value, list) else [value]
    return helper.make_node("Constant", [], [name],
                            value=helper.make_tensor(name + "_v", dtype, list(dims), values))


def model(stride, speakers):
    nodes = [
        const("one_idx", 1), const("zero_idx", 0), const("block_f", float(BLOCK), TensorProto.FLOAT),
        const("one_f", 1.0, TensorProto.FLOAT), const("flat", [-1], dims=[1]),
        const("scalar", [], dims=[0]), const("zero", 0), const("one", 1), const("base", BASE),
        const("stride", stride), const("period", BLOCK),
        const("radians", 2 * math.pi / BLOCK, TensorProto.FLOAT), const("out_shape", [1, 1, 1, -1], dims=[4]),
        # block length from length_scale
        helper.make_node("Gather", ["scales", "one_idx"], ["length_scale"]),
        helper.make_node("Mul", ["length_scale", "block_f"], ["block_raw"]),
        helper.make_node("Floor", ["block_raw"], ["block_floor"]),
        helper.make_node("Max", ["block_floor", "one_f"], ["block_len_f"]),
        helper.make_node("Cast", ["block_len_f"], ["block_len"], to=TensorProto.INT64),
        # one sample index per output sample, and the id it belongs to
        helper.make_node("Reshape", ["input", "flat"], ["ids"]),
        helper.make_node("Shape", ["ids"], ["id_count"]),
        helper.make_node("Mul", ["id_count", "block_len"], ["total_1d"]),
        helper.make_node("Reshape", ["total_1d", "scalar"], ["total"]),
        helper.make_node("Range", ["zero", "total", "one"], ["t"]),
        helper.make_node("Div", ["t", "block_len"], ["block_index"]),
        helper.make_node("Mul", ["block_index", "block_len"], ["block_start"]),
        helper.make_node("Sub", ["t", "block_start"], ["n"]),
        helper.make_node("Gather", ["ids", "block_index"], ["id_t"]),
        # tone bin for that id (and speaker)
        helper.make_node("Mul", ["id_t", "stride"], ["id_bins"]),
        helper.make_node("Add", ["id_bins", "base"], ["k_nospk"]),
    ]
    inputs = [
        helper.make_tensor_value_info("input", TensorProto.INT64, [1, "phonemes"]),
        helper.make_tensor_value_info("input_lengths", TensorProto.INT64, [1]),
        helper.make_tensor_value_info("scales", TensorProto.FLOAT, [3]),
    ]
    if speakers > 1:
        inputs.append(helper.make_tensor_value_info("sid", TensorProto.INT64, [1]))
        nodes.append(helper.make_node("Add", ["k_nospk", "sid"], ["k"]))
    else:
        nodes.append(helper.make_node("Identity", ["k_nospk"], ["k"]))
    nodes += [
        # exact phase: (k * n) mod 1024 in integers, then radians
        helper.make_node("Mul", ["k", "n"], ["kn"]),
        helper.make_node("Mod", ["kn", "period"], ["phase_index"]),
        helper.make_node("Cast", ["phase_index"], ["phase_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["phase_f", "radians"], ["phase"]),
        helper.make_node("Sin", ["phase"], ["tone"]),
        helper.make_node("Gather", ["scales", "zero_idx"], ["noise_scale"]),
        helper.make_node("Mul", ["tone", "noise_scale"], ["audio"]),
        helper.make_node("Reshape", ["audio", "out_shape"], ["output"]),
    ]
    graph = helper.make_graph(nodes, "piper_tones", inputs,
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, 1, "time"])])
    result = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_test_voices")
    result.ir_version = 8
    return result


def config(sample_rate, quality, speaker_id_map):
    # Field order and values as Piper's training export writes them.
    return {
        "dataset": "tones",
        "audio": {"sample_rate": sample_rate, "quality": quality},
        "espeak": {"voice": "en-us"},
        "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                     "name_english": "English", "country_english": "United States"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "phoneme_map": {},
        "phoneme_id_map": phoneme_id_map(),
        "num_symbols": 256,
        "num_speakers": max(1, len(speaker_id_map)),
        "speaker_id_map": speaker_id_map,
        "piper_version": "1.0.0",
    }


def write(name, sample_rate, quality, stride, speaker_id_map):
    save_model(model(stride, len(speaker_id_map)), str(HERE / f"{name}.onnx"))
    with open(HERE / f"{name}.onnx.json", "w", encoding="utf-8") as f:
        json.dump(config(sample_rate, quality, speaker_id_map), f, ensure_ascii=False, indent=4)
        f.write("\n")


if __name__ == "__main__":
    # Bins must stay below Nyquist (512): 8 + 2*160 = 328 and 8 + 3*160 + 2 = 490.
    write("en_US-tones-medium", 22050, "medium", 2, {})
    write("en_US-tonesmulti-low", 16000, "low", 3, {"alice": 0, "bob": 1, "carol": 2})
