package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;

/**
 * One text's sentences, already phonemized, each turned into speech only when asked for.
 *
 * <p>A voice whose network was split speaks a sentence in decoder windows, one window per call
 * ({@link WindowedPiece}): the front runs once, on the first call, so the windows are one
 * rendering and the sentence's prosody is untouched, while no call holds the worker for longer
 * than one window; its words come with the first window. A sentence begun in a call whose budget
 * not even its first window fits (another listener is dry) opens with a leading piece of a few
 * words instead, whose front is cheap (see {@link PiperVoice#cut}).
 * A voice that runs whole speaks a sentence longer than its piece limits as several pieces, one
 * per call (see {@link org.assistantapi.engines.Pieces}): every piece after the first takes the
 * first one's loudness, unless that would clip it. Either way the joins between pieces fade out
 * and in over a few milliseconds so they neither click nor jump in level, and the sentence
 * silence follows the sentence's last audio.
 */
public final class PiperSynthesis implements Synthesis {

    /** Fade at a join between two pieces of one sentence, in seconds. */
    private static final double JOIN_FADE_SECONDS = 0.004;

    /** A piece of a sentence, with its words (phoneme offsets within the piece). */
    private record Piece(String phonemes, List<WordPhonemes> words, boolean firstOfSentence, boolean lastOfSentence) {
    }

    private final PiperVoice voice;
    private final Deque<PhonemeSentence> sentences;
    private final Deque<Piece> pieces = new ArrayDeque<>();
    private final PiperModel.Scales scales;
    private final int speaker;
    private final long phonemizeNanos;
    private boolean firstOfText = true;
    private float sentenceScale;
    /** A piece being decoded window by window. */
    private record Decoding(Piece piece, WindowedPiece windows) {
    }

    /** The piece being decoded; null between pieces. */
    private Decoding decoding;
    /** The runs of the call in progress, which {@link #interrupt} stops; null between calls. */
    private volatile CallRuns running;

    PiperSynthesis(PiperVoice voice, List<PhonemeSentence> sentences, PiperModel.Scales scales, int speaker,
                   long phonemizeNanos) {
        this.voice = voice;
        this.sentences = new ArrayDeque<>(sentences);
        this.scales = scales;
        this.speaker = speaker;
        this.phonemizeNanos = phonemizeNanos;
    }

    @Override
    public boolean speakNext(PcmSink sink) throws EngineException {
        return speakNextTimed(sink) != null;
    }

    /** A windowed voice cuts its next window to what its measured cost fits in the budget (see {@link DecoderWindows#next}). */
    @Override
    public boolean speakNext(PcmSink sink, Duration budget) throws EngineException {
        return speakNextTimed(sink, budget) != null;
    }

    /**
     * Speaks the next piece or window like {@link #speakNext(PcmSink)} and tells where its time went.
     *
     * @return the call's timings, or null when nothing was left
     */
    public SentenceTimings speakNextTimed(PcmSink sink) throws EngineException {
        return speakNextTimed(sink, NO_BUDGET);
    }

    /**
     * Stops the call in progress: its piece or window goes back to be spoken by the next call, and
     * its work so far is lost (at most one window's or one piece's compute).
     */
    @Override
    public void interrupt() {
        CallRuns runs = running;
        if (runs != null) {
            runs.interrupt(); // does nothing once the call has closed them
        }
    }

    private SentenceTimings speakNextTimed(PcmSink sink, Duration budget) throws EngineException {
        try (CallRuns runs = CallRuns.open()) {
            running = runs;
            try {
                return speakNextTimed(sink, budget, runs);
            } finally {
                running = null;
            }
        }
    }

    private SentenceTimings speakNextTimed(PcmSink sink, Duration budget, CallRuns runs) throws EngineException {
        if (decoding != null) {
            return speakWindow(sink, budget, runs, 0, 0, 0);
        }
        while (pieces.isEmpty()) {
            PhonemeSentence sentence = sentences.poll();
            if (sentence == null) {
                return null;
            }
            cut(sentence, budget);
            firstOfText = false;
        }
        Piece piece = pieces.poll();
        long start = System.nanoTime();
        PhonemeIdMapper.PhonemeIds ids = voice.ids(piece.phonemes());
        long idsDone = System.nanoTime();
        if (voice.windowed()) {
            SplitNetwork network = voice.model().split().orElseThrow();
            SplitNetwork.Front front = unlessInterrupted(runs, () -> network.front(ids.ids(), scales, speaker, runs.options()));
            if (front == null) {
                return interrupted(piece, ids.ids().length);
            }
            decoding = new Decoding(piece, new WindowedPiece(network, front, voice.windows(), speaker));
            decoding.windows().wordTimings(piece.words(), ids.starts()).forEach(sink::word);
            return speakWindow(sink, budget, runs, ids.ids().length, idsDone - start, System.nanoTime() - idsDone);
        }
        return speakWhole(piece, ids.ids(), sink, runs, idsDone - start);
    }

    /** One or more ONNX Runtime runs of the call. */
    @FunctionalInterface
    private interface Runs<T> {
        T run() throws EngineException;
    }

    /** What the runs return, or null when the call was interrupted (their failure is the interrupt's). */
    private static <T> T unlessInterrupted(CallRuns call, Runs<T> runs) throws EngineException {
        try {
            return runs.run();
        } catch (EngineException e) {
            if (call.interrupted()) {
                return null;
            }
            throw e;
        }
    }

    /** An interrupted call's piece goes back first in line; the call spoke nothing. */
    private SentenceTimings interrupted(Piece piece, int ids) {
        pieces.addFirst(piece);
        return new SentenceTimings(ids, 0, 0, 0, 0);
    }

    /** Cuts a sentence into the pieces the voice allows, each with the words its phonemes speak. */
    private void cut(PhonemeSentence sentence, Duration budget) {
        List<String> cut = voice.cut(sentence, firstOfText, budget);
        int from = 0;
        for (int i = 0; i < cut.size(); i++) {
            int start = sentence.phonemes().indexOf(cut.get(i), from);
            int end = start + cut.get(i).length();
            List<WordPhonemes> words = sentence.words().stream()
                    .filter(word -> word.start() >= start && word.start() < end)
                    .map(word -> new WordPhonemes(word.text(), word.start() - start, Math.min(word.end(), end) - start))
                    .toList();
            pieces.add(new Piece(cut.get(i), words, i == 0, i == cut.size() - 1));
            from = end;
        }
    }

    /** A whole piece through the unsplit network, scaled to Piper's loudness. */
    private SentenceTimings speakWhole(Piece piece, long[] ids, PcmSink sink, CallRuns runs, long idsNanos)
            throws EngineException {
        long inferenceStart = System.nanoTime();
        FloatBuffer audio = unlessInterrupted(runs, () -> voice.model().infer(ids, scales, speaker, runs.options()));
        if (audio == null) {
            return interrupted(piece, ids.length);
        }
        long inferenceDone = System.nanoTime();
        voice.measured(piece.phonemes().length(), inferenceDone - inferenceStart);
        short[] pcm = PcmConverter.toPcm(audio, scaleFor(audio, piece.firstOfSentence()));
        fadeJoins(pcm, piece, true, true);
        long conversionDone = System.nanoTime();
        if (sink.accept(pcm, 0, pcm.length) && piece.lastOfSentence()) {
            voice.speakSilence(sink);
        }
        return new SentenceTimings(ids.length, pcm.length, idsNanos, inferenceDone - inferenceStart,
                conversionDone - inferenceDone);
    }

    /**
     * The next window of the piece being decoded, cut to what fits the budget where the plan
     * allows; the sentence silence after the sentence's last.
     */
    private SentenceTimings speakWindow(PcmSink sink, Duration budget, CallRuns runs, int ids, long idsNanos,
                                       long frontNanos) throws EngineException {
        Piece piece = decoding.piece();
        WindowedPiece windowed = decoding.windows();
        long decodeStart = System.nanoTime();
        WindowedPiece.Decoded window = null;
        if (!windowed.done()) {
            window = unlessInterrupted(runs, () -> windowed.decodeNext(voice.windowFramesWithin(budget), runs.options()));
            if (window == null) {
                return new SentenceTimings(ids, 0, idsNanos, frontNanos, 0); // the window is decoded by the next call
            }
        }
        long decoded = System.nanoTime();
        short[] pcm = new short[0];
        if (window != null) {
            voice.decodedWindow(window.decodedFrames(), decoded - decodeStart);
            pcm = PcmConverter.fullScale(window.audio());
            fadeJoins(pcm, piece, window.first(), window.last()); // windows of one piece join without a seam
        }
        long converted = System.nanoTime();
        boolean accepted = pcm.length == 0 || sink.accept(pcm, 0, pcm.length);
        if (!accepted || windowed.done()) {
            decoding = null;
            if (accepted && piece.lastOfSentence()) {
                voice.speakSilence(sink);
            }
        }
        return new SentenceTimings(ids, pcm.length, idsNanos, frontNanos + decoded - decodeStart, converted - decoded);
    }

    /** Piper's own scale for a sentence's first piece; the same for the rest unless it would clip them. */
    private float scaleFor(FloatBuffer audio, boolean firstOfSentence) {
        float own = PcmConverter.scale(audio);
        if (firstOfSentence || own < sentenceScale) {
            sentenceScale = own;
        }
        return sentenceScale;
    }

    /** Fades the audio in where it begins a piece after another, and out where it ends one before another. */
    private void fadeJoins(short[] pcm, Piece piece, boolean beginsPiece, boolean endsPiece) {
        if (beginsPiece && !piece.firstOfSentence()) {
            fade(pcm, true);
        }
        if (endsPiece && !piece.lastOfSentence()) {
            fade(pcm, false);
        }
    }

    /** A linear fade over the first (in) or last (out) few milliseconds. */
    private void fade(short[] pcm, boolean in) {
        int length = Math.min(pcm.length, (int) (voice.info().sampleRate() * JOIN_FADE_SECONDS));
        for (int i = 0; i < length; i++) {
            int at = in ? i : pcm.length - 1 - i;
            pcm[at] = (short) (pcm[at] * (i + 0.5) / length);
        }
    }

    @Override
    public boolean hasNext() {
        return decoding != null || !pieces.isEmpty() || !sentences.isEmpty();
    }

    /** How long phonemizing the whole text took, in nanoseconds (done up front, as Piper does). */
    public long phonemizeNanos() {
        return phonemizeNanos;
    }
}
