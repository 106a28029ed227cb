package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;

/**
 * Piper's float-to-PCM step: scale so the loudest sample reaches full range (never amplifying
 * by more than 100×, so near-silence stays quiet), then clamp to 16 bits.
 */
final class PcmConverter {

    private static final float MAX_WAV_VALUE = 32767f;
    private static final float MIN_PEAK = 0.01f;

    private PcmConverter() {
    }

    /**
     * Without normalization: a sentence decoded in windows is sent before its peak is known. The
     * decoder ends in tanh, so its samples are already within [-1, 1].
     */
    static short[] fullScale(float[] audio) {
        short[] pcm = new short[audio.length];
        for (int i = 0; i < audio.length; i++) {
            pcm[i] = (short) Math.clamp(audio[i] * MAX_WAV_VALUE, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return pcm;
    }

    static short[] toPcm(FloatBuffer audio) {
        int start = audio.position();
        int length = audio.remaining();
        float peak = MIN_PEAK;
        for (int i = 0; i < length; i++) {
            peak = Math.max(peak, Math.abs(audio.get(start + i)));
        }
        float scale = MAX_WAV_VALUE / peak;
        short[] pcm = new short[length];
        for (int i = 0; i < length; i++) {
            // Like Piper's static_cast<int16_t>: clamp, then truncate toward zero.
            pcm[i] = (short) Math.clamp(audio.get(start + i) * scale, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return pcm;
    }
}
