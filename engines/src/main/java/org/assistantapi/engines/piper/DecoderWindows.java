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
    /**
     * A window cut to the caller's limit holds at least this many first windows: half a second,
     * whose two contexts cost about a fifth more than its own frames (a first window's would cost
     * two fifths).
     */
    static final int SMALLEST_CUT = 2;

    /** Output frames {@code [start, end)} of one window. */
    record Window(int start, int end) {
    }

    DecoderWindows {
        if (firstFrames < 1 || nextFrames < 1) {
            throw new IllegalArgumentException("windows need at least one frame: " + firstFrames + ", " + nextFrames);
        }
    }

    /** Every window of a sentence of {@code frames} frames, with no limit from the caller. */
    List<Window> plan(int frames) {
        List<Window> windows = new ArrayList<>();
        for (Window window = next(frames, null, Integer.MAX_VALUE); window != null;
             window = next(frames, window, Integer.MAX_VALUE)) {
            windows.add(window);
        }
        return windows;
    }

    /**
     * The window after {@code previous} (null: the sentence's first), or null when the sentence is
     * done. A window after the first holds at most {@code limit} frames (the caller's scheduler
     * wants the call back soon: other listeners wait), but never fewer than {@value #SMALLEST_CUT}
     * first windows: each window costs two contexts of decoding, and windows cut smaller than that
     * cost a loaded worker more than it has. The second window is cut too: when several listeners
     * start together on one worker, each one's second window is due within its first's quarter
     * second, and k second windows of a second each (~60 ms with a medium voice) do not fit in it
     * from k = 4.
     */
    Window next(int frames, Window previous, int limit) {
        int start = previous == null ? 0 : previous.end();
        if (start >= frames) {
            return null;
        }
        if (previous == null) {
            return new Window(0, Math.min(frames, firstFrames));
        }
        int cap = Math.max(firstFrames * SMALLEST_CUT, limit);
        long size = Math.min(Math.min(nextFrames, (long) (previous.end() - previous.start()) * GROWTH), cap);
        int rest = frames - start;
        int end = rest < 2 * size && rest <= cap ? frames : (int) (start + size);
        return new Window(start, end);
    }
}
