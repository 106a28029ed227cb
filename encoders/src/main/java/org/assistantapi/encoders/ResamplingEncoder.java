package org.assistantapi.encoders;

import java.io.IOException;

/** Puts a {@link PolyphaseResampler} in front of an encoder that works at another rate. */
final class ResamplingEncoder implements AudioEncoder {

    private final PolyphaseResampler resampler;
    private final AudioEncoder target;

    ResamplingEncoder(PolyphaseResampler resampler, AudioEncoder target) {
        this.resampler = resampler;
        this.target = target;
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        short[] resampled = resampler.process(samples, offset, length);
        if (resampled.length > 0) {
            target.encode(resampled, 0, resampled.length);
        }
    }

    @Override
    public void finish() throws IOException {
        short[] tail = resampler.finish();
        if (tail.length > 0) {
            target.encode(tail, 0, tail.length);
        }
        target.finish();
    }

    @Override
    public void close() {
        target.close();
    }
}
