package org.assistantapi.encoders;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.VbrMode;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Constant-bit-rate mono MP3 through jump3r's LAME port, written frame by frame as LAME emits them.
 *
 * <p>LAME is driven directly rather than through jump3r's {@code LameEncoder} because that wrapper
 * cannot turn off the Xing/Info tag: LAME writes it as a zero-filled first frame and fills it only when
 * the finished file is rewritten, so in a stream it would stay 26 ms of silence with wrong length data.
 */
final class Mp3Encoder implements AudioEncoder {

    /** jump3r overflows an internal buffer when fed much more than 32 KB of PCM per call. */
    private static final int MAX_SAMPLES_PER_CALL = 8192;
    /** LAME's documented worst case for the output of one call: 1.25 bytes per sample plus 7200. */
    private static final int MP3_BUFFER_SIZE = MAX_SAMPLES_PER_CALL * 5 / 4 + 7200;

    private final OutputStream out;
    private final Lame lame;
    private final LameGlobalFlags flags;
    private final int[] pcm = new int[MAX_SAMPLES_PER_CALL];
    private final byte[] mp3 = new byte[MP3_BUFFER_SIZE];

    Mp3Encoder(int sampleRate, int bitrateKbps, int quality, OutputStream out) {
        this.out = out;
        this.lame = wiredLame();
        this.flags = lame.lame_init();
        flags.num_channels = 1;
        flags.in_samplerate = sampleRate;
        flags.out_samplerate = sampleRate;
        flags.mode = MPEGMode.MONO;
        flags.VBR = VbrMode.vbr_off;
        flags.brate = bitrateKbps;
        flags.quality = quality;
        flags.bWriteVbrTag = false;             // no Xing/Info frame (see class comment)
        flags.write_id3tag_automatic = false;   // no ID3 tags either
        flags.findReplayGain = false;           // analysis nobody reads
        if (lame.lame_init_params(flags) < 0) {
            throw new IllegalArgumentException("LAME refused mp3 at " + sampleRate + " Hz, " + bitrateKbps + " kb/s");
        }
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        for (int done = 0; done < length; done += MAX_SAMPLES_PER_CALL) {
            int n = Math.min(MAX_SAMPLES_PER_CALL, length - done);
            for (int i = 0; i < n; i++) {
                pcm[i] = samples[offset + done + i] << 16;   // LAME's int input is full-scale 32-bit
            }
            write(lame.lame_encode_buffer_int(flags, pcm, pcm, n, mp3, 0, mp3.length));
        }
    }

    @Override
    public void finish() throws IOException {
        write(lame.lame_encode_flush(flags, mp3, 0, mp3.length));
        out.flush();
    }

    @Override
    public void close() {
        lame.lame_close(flags);
    }

    private void write(int bytes) throws IOException {
        if (bytes < 0) {
            throw new IOException("LAME failed with code " + bytes);
        }
        if (bytes > 0) {
            out.write(mp3, 0, bytes);
            out.flush();
        }
    }

    /** The module graph jump3r's own {@code LameEncoder} builds, without its file-input parts. */
    private static Lame wiredLame() {
        Lame lame = new Lame();
        GainAnalysis gainAnalysis = new GainAnalysis();
        BitStream bitStream = new BitStream();
        Presets presets = new Presets();
        QuantizePVT quantizePvt = new QuantizePVT();
        Quantize quantize = new Quantize();
        VBRTag vbrTag = new VBRTag();
        Version version = new Version();
        ID3Tag id3Tag = new ID3Tag();
        Reservoir reservoir = new Reservoir();
        Takehiro takehiro = new Takehiro();
        MPGLib mpgLib = new MPGLib();
        Interface mpgInterface = new Interface();
        Common common = new Common();
        lame.setModules(gainAnalysis, bitStream, presets, quantizePvt, quantize, vbrTag, version, id3Tag, mpgLib);
        bitStream.setModules(gainAnalysis, mpgLib, version, vbrTag);
        id3Tag.setModules(bitStream, version);
        presets.setModules(lame);
        quantize.setModules(bitStream, reservoir, quantizePvt, takehiro);
        quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
        reservoir.setModules(bitStream);
        takehiro.setModules(quantizePvt);
        vbrTag.setModules(lame, bitStream, version);
        mpgLib.setModules(mpgInterface, common);
        mpgInterface.setModules(vbrTag, common);
        return lame;
    }
}
