package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;

/**
 * One text's sentences, already phonemized, each turned into speech only when asked for. A
 * sentence longer than the voice's piece limits is spoken as several pieces, one per call (see
 * {@link org.assistantapi.engines.Pieces}): every piece after the first takes the first one's
 * loudness, unless that would clip it, and the joins fade out and in over a few milliseconds so
 * they neither click nor jump in level. The sentence silence follows the last piece.
 */
public final class PiperSynthesis implements Synthesis {

    /** Fade at a join between two pieces of one sentence, in seconds. */
    private static final double JOIN_FADE_SECONDS = 0.004;

    private final PiperVoice voice;
    private final Deque<PhonemeSentence> sentences;
    private final Deque<String> pieces = new ArrayDeque<>();
    private final PiperModel.Scales scales;
    private final int speaker;
    private final long phonemizeNanos;
    private boolean firstOfText = true;
    private boolean firstOfSentence;
    private float sentenceScale;

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

    /**
     * Speaks the next piece like {@link #speakNext} and tells where its time went.
     *
     * @return the piece's timings, or null when nothing was left
     */
    public SentenceTimings speakNextTimed(PcmSink sink) throws EngineException {
        while (pieces.isEmpty()) {
            PhonemeSentence sentence = sentences.poll();
            if (sentence == null) {
                return null;
            }
            pieces.addAll(voice.pieces().cut(sentence.phonemes(), sentence.clauseEnds(), firstOfText));
            firstOfText = false;
            firstOfSentence = true;
        }
        String phonemes = pieces.poll();
        boolean lastOfSentence = pieces.isEmpty();
        long start = System.nanoTime();
        long[] ids = voice.ids(phonemes);
        long idsDone = System.nanoTime();
        if (voice.windowed()) {
            SentenceTimings timings = speakInWindows(ids, sink, idsDone - start, lastOfSentence);
            voice.measured(phonemes.length(), timings.inferenceNanos());
            firstOfSentence = false;
            return timings;
        }
        FloatBuffer audio = voice.model().infer(ids, scales, speaker);
        long inferenceDone = System.nanoTime();
        voice.measured(phonemes.length(), inferenceDone - idsDone);
        short[] pcm = PcmConverter.toPcm(audio, scaleFor(audio));
        if (!firstOfSentence) {
            fade(pcm, true);
        }
        if (!lastOfSentence) {
            fade(pcm, false);
        }
        firstOfSentence = false;
        long conversionDone = System.nanoTime();
        if (sink.accept(pcm, 0, pcm.length) && lastOfSentence) {
            voice.speakSilence(sink);
        }
        return new SentenceTimings(ids.length, pcm.length, idsDone - start, inferenceDone - idsDone,
                conversionDone - inferenceDone);
    }

    /** Piper's own scale for a sentence's first piece; the same for the rest unless it would clip them. */
    private float scaleFor(FloatBuffer audio) {
        float own = PcmConverter.scale(audio);
        if (firstOfSentence || own < sentenceScale) {
            sentenceScale = own;
        }
        return sentenceScale;
    }

    /** A linear fade over the first (in) or last (out) few milliseconds. */
    private void fade(short[] pcm, boolean in) {
        int length = Math.min(pcm.length, (int) (voice.info().sampleRate() * JOIN_FADE_SECONDS));
        for (int i = 0; i < length; i++) {
            int at = in ? i : pcm.length - 1 - i;
            pcm[at] = (short) (pcm[at] * (i + 0.5) / length);
        }
    }

    /** The front once, then each window's audio as soon as it is decoded; the sentence silence after the last. */
    private SentenceTimings speakInWindows(long[] ids, PcmSink sink, long idsNanos, boolean lastOfSentence)
            throws EngineException {
        SplitNetwork network = voice.model().split().orElseThrow();
        long inferenceStart = System.nanoTime();
        SplitNetwork.Front front = network.front(ids, scales, speaker);
        long inference = System.nanoTime() - inferenceStart;
        long conversion = 0;
        int samples = 0;
        boolean accepted = true;
        List<DecoderWindows.Window> windows = voice.windows().plan(front.frames());
        for (int i = 0; i < windows.size(); i++) {
            DecoderWindows.Window window = windows.get(i);
            long decodeStart = System.nanoTime();
            float[] audio = network.decode(front, window.start(), window.end(), speaker);
            long decoded = System.nanoTime();
            short[] pcm = PcmConverter.fullScale(audio);
            if (i == 0 && !firstOfSentence) {
                fade(pcm, true); // a piece's join; windows of one piece join without a seam
            }
            if (i == windows.size() - 1 && !lastOfSentence) {
                fade(pcm, false);
            }
            inference += decoded - decodeStart;
            conversion += System.nanoTime() - decoded;
            samples += pcm.length;
            accepted = sink.accept(pcm, 0, pcm.length);
            if (!accepted) {
                break;
            }
        }
        if (accepted && lastOfSentence) {
            voice.speakSilence(sink);
        }
        return new SentenceTimings(ids.length, samples, idsNanos, inference, conversion);
    }

    @Override
    public boolean hasNext() {
        return !pieces.isEmpty() || !sentences.isEmpty();
    }

    /** How long phonemizing the whole text took, in nanoseconds (done up front, as Piper does). */
    public long phonemizeNanos() {
        return phonemizeNanos;
    }
}
