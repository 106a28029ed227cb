package org.assistantapi.dist;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The project's own RIFF reader for tests: a streamed 16-bit mono WAV, sizes unknown (0xFFFFFFFF). */
record Wav(int sampleRate, int channels, int bitsPerSample, short[] samples) {

    static Wav parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        expect(in, "RIFF");
        in.getInt();
        expect(in, "WAVE");
        int sampleRate = 0;
        int channels = 0;
        int bits = 0;
        while (in.remaining() >= 8) {
            String id = fourCc(in);
            int size = in.getInt();
            if (id.equals("fmt ")) {
                int start = in.position();
                if (in.getShort() != 1) {
                    throw new IllegalArgumentException("not PCM");
                }
                channels = in.getShort();
                sampleRate = in.getInt();
                in.getInt();
                in.getShort();
                bits = in.getShort();
                in.position(start + size);
            } else if (id.equals("data")) {
                int length = size == -1 ? in.remaining() : Math.min(size, in.remaining());
                short[] samples = new short[length / 2];
                in.asShortBuffer().get(samples);
                return new Wav(sampleRate, channels, bits, samples);
            } else {
                in.position(in.position() + size);
            }
        }
        throw new IllegalArgumentException("no data chunk");
    }

    double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** Root mean square level, 0 to 32767. */
    static double rms(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / Math.max(1, samples.length));
    }

    private static void expect(ByteBuffer in, String fourCc) {
        String got = fourCc(in);
        if (!got.equals(fourCc)) {
            throw new IllegalArgumentException("expected " + fourCc + ", got " + got);
        }
    }

    private static String fourCc(ByteBuffer in) {
        byte[] id = new byte[4];
        in.get(id);
        return new String(id, StandardCharsets.US_ASCII);
    }
}
