package org.assistantapi.engines.piper;

import java.util.ArrayList;
import java.util.List;

import ai.onnxruntime.OrtSession;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.WordTiming;

/**
 * One piece of a sentence of a split voice, after its front has run: its decoder windows, decoded
 * one per {@link PiperSynthesis#speakNext} call so that a long sentence holds its worker for one
 * window at a time, and its words, timed from the front's durations.
 */
final class WindowedPiece {

    /**
     * A decoded window: its audio at the voice's rate as the decoder makes it (within [-1, 1]),
     * whether it begins or ends the piece, and how many frames the decoder ran on (the window and
     * its context: what the window cost).
     */
    record Decoded(float[] audio, boolean first, boolean last, int decodedFrames) {
    }

    private final SplitNetwork network;
    private final SplitNetwork.Front front;
    private final DecoderWindows plan;
    private final int speaker;
    /** The window decoded last; null before the first. */
    private DecoderWindows.Window previous;

    WindowedPiece(SplitNetwork network, SplitNetwork.Front front, DecoderWindows plan, int speaker) {
        this.network = network;
        this.front = front;
        this.plan = plan;
        this.speaker = speaker;
    }

    boolean done() {
        return (previous == null ? 0 : previous.end()) >= front.frames();
    }

    /**
     * The next window, at most {@code limit} frames where the plan allows (see {@link DecoderWindows#next});
     * a decode that fails or is stopped leaves the piece where it was.
     */
    Decoded decodeNext(int limit, OrtSession.RunOptions options) throws EngineException {
        DecoderWindows.Window window = plan.next(front.frames(), previous, limit);
        float[] audio = network.decode(front, window.start(), window.end(), speaker, options);
        boolean first = previous == null;
        previous = window;
        return new Decoded(audio, first, window.end() == front.frames(), network.decodedFrames(front, window));
    }

    /**
     * Where each word lies in the piece's audio: a word starts with its first phoneme's ids and
     * ends where the next phoneme's start, each id lasting its duration in frames of {@code hop}
     * samples (the durations already hold the speed).
     *
     * @param idStarts for each offset in the piece's phonemes, its first id ({@link PhonemeIdMapper.PhonemeIds#starts})
     */
    List<WordTiming> wordTimings(List<WordPhonemes> words, int[] idStarts) {
        float[] durations = front.durations();
        long[] framesBefore = new long[durations.length + 1];
        for (int id = 0; id < durations.length; id++) {
            framesBefore[id + 1] = framesBefore[id] + Math.round(durations[id]);
        }
        long hop = network.field().hop();
        long samples = (long) front.frames() * hop;
        List<WordTiming> timings = new ArrayList<>(words.size());
        for (WordPhonemes word : words) {
            long start = Math.min(samples, framesBefore[Math.min(idStarts[word.start()], durations.length)] * hop);
            long end = Math.min(samples, framesBefore[Math.min(idStarts[word.end()], durations.length)] * hop);
            timings.add(new WordTiming(word.text(), start, Math.max(start, end)));
        }
        return timings;
    }
}
