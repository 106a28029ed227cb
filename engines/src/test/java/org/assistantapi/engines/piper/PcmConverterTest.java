package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.FloatBuffer;

import org.junit.jupiter.api.Test;

class PcmConverterTest {

    @Test
    void scalesThePeakToFullRangeTruncatingTowardZero() {
        assertArrayEquals(new short[] {32767, -16383, 0, -32767},
                PcmConverter.toPcm(FloatBuffer.wrap(new float[] {0.5f, -0.25f, 0f, -0.5f})));
    }

    @Test
    void amplifiesAtMostHundredfold() {
        assertArrayEquals(new short[] {3276, -1638},
                PcmConverter.toPcm(FloatBuffer.wrap(new float[] {0.001f, -0.0005f})));
    }

    @Test
    void readsFromTheBufferPosition() {
        FloatBuffer audio = FloatBuffer.wrap(new float[] {9f, 0.25f, -1f});
        audio.position(1);
        assertArrayEquals(new short[] {8191, -32767}, PcmConverter.toPcm(audio));
    }
}
