package org.assistantapi.engines.piper;

import java.util.ArrayList;
import java.util.List;

/**
 * How a sentence's latent frames are cut into decoder windows: a short first window, so the first
 * audio comes early, then windows growing {@value #GROWTH}-fold up to {@code nextFrames}; a
 * remainder shorter than two of the current window joins it (each extra window costs the decoder
 * two contexts of overlap). The growth keeps a listener who starts at the first audio fed: each
 * window is decoded while the audio before it plays, for any voice faster than about
 * {@value #GROWTH} to 8 times real time, where one large second window would leave a quarter
 * second of audio to cover seconds of decoding.
 *
 * @param firstFrames frames of the first window (at least 1)
 * @param nextFrames  frames of the later windows once grown (at least 1)
 */
record DecoderWindows(int firstFrames, int nextFrames) {

    /** Each window holds at most this many times the frames of the one before (the remainder aside). */
    static final int GROWTH = 4;

    /** Output frames {@code [start, end)} of one window. */
    record Window(int start, int end) {
    }

    DecoderWindows {
        if (firstFrames < 1 || nextFrames < 1) {
            throw new IllegalArgumentException("windows need at least one frame: " + firstFrames + ", " + nextFrames);
        }
    }

    List<Window> plan(int frames) {
        List<Window> windows = new ArrayList<>();
        int start = Math.min(frames, firstFrames);
        if (start > 0) {
            windows.add(new Window(0, start));
        }
        long size = firstFrames;
        while (start < frames) {
            size = Math.min(nextFrames, size * GROWTH);
            int end = frames - start < 2 * size ? frames : (int) (start + size);
            windows.add(new Window(start, end));
            start = end;
        }
        return windows;
    }
}
