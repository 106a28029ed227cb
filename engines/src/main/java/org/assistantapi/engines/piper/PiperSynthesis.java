package org.assistantapi.engines.piper;

import java.nio.FloatBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Synthesis;

/** One text's sentences, already phonemized, each turned into speech only when asked for. */
public final class PiperSynthesis implements Synthesis {

    private final PiperVoice voice;
    private final Deque<String> sentences;
    private final PiperModel.Scales scales;
    private final int speaker;
    private final long phonemizeNanos;

    PiperSynthesis(PiperVoice voice, List<String> sentences, PiperModel.Scales scales, int speaker, long phonemizeNanos) {
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
     * Speaks the next sentence like {@link #speakNext} and tells where its time went.
     *
     * @return the sentence's timings, or null when no sentence was left
     */
    public SentenceTimings speakNextTimed(PcmSink sink) throws EngineException {
        String phonemes = sentences.poll();
        if (phonemes == null) {
            return null;
        }
        long start = System.nanoTime();
        long[] ids = voice.ids(phonemes);
        long idsDone = System.nanoTime();
        if (voice.windowed()) {
            return speakInWindows(ids, sink, idsDone - start);
        }
        FloatBuffer audio = voice.model().infer(ids, scales, speaker);
        long inferenceDone = System.nanoTime();
        short[] pcm = PcmConverter.toPcm(audio);
        long conversionDone = System.nanoTime();
        if (sink.accept(pcm, 0, pcm.length)) {
            voice.speakSilence(sink);
        }
        return new SentenceTimings(ids.length, pcm.length, idsDone - start, inferenceDone - idsDone,
                conversionDone - inferenceDone);
    }

    /** The front once, then each window's audio as soon as it is decoded; the sentence silence after the last. */
    private SentenceTimings speakInWindows(long[] ids, PcmSink sink, long idsNanos) throws EngineException {
        SplitNetwork network = voice.model().split().orElseThrow();
        long inferenceStart = System.nanoTime();
        SplitNetwork.Front front = network.front(ids, scales, speaker);
        long inference = System.nanoTime() - inferenceStart;
        long conversion = 0;
        int samples = 0;
        boolean accepted = true;
        for (DecoderWindows.Window window : voice.windows().plan(front.frames())) {
            long decodeStart = System.nanoTime();
            float[] audio = network.decode(front, window.start(), window.end(), speaker);
            long decoded = System.nanoTime();
            short[] pcm = PcmConverter.fullScale(audio);
            inference += decoded - decodeStart;
            conversion += System.nanoTime() - decoded;
            samples += pcm.length;
            accepted = sink.accept(pcm, 0, pcm.length);
            if (!accepted) {
                break;
            }
        }
        if (accepted) {
            voice.speakSilence(sink);
        }
        return new SentenceTimings(ids.length, samples, idsNanos, inference, conversion);
    }

    @Override
    public boolean hasNext() {
        return !sentences.isEmpty();
    }

    /** How long phonemizing the whole text took, in nanoseconds (done up front, as Piper does). */
    public long phonemizeNanos() {
        return phonemizeNanos;
    }
}
