package org.assistantapi.engines.piper;

import java.util.ArrayList;
import java.util.List;

/**
 * How a sentence's latent frames are cut into decoder windows: a short first window, so the first
 * audio comes early, then windows of {@code nextFrames}; a remainder shorter than a window joins
 * the window before it, so later windows hold one to two windows' frames (each extra window costs
 * the decoder two contexts of overlap).
 *
 * @param firstFrames frames of the first window (at least 1)
 * @param nextFrames  frames of each later window (at least 1)
 */
record DecoderWindows(int firstFrames, int nextFrames) {

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
        while (start < frames) {
            int end = frames - start < 2 * nextFrames ? frames : start + nextFrames;
            windows.add(new Window(start, end));
            start = end;
        }
        return windows;
    }
}
