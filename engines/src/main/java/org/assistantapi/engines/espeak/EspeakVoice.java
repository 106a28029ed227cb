package org.assistantapi.engines.espeak;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.Deque;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;
import org.assistantapi.engines.Pieces;
import org.assistantapi.engines.SpokenSentence;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceInfo;

/** One espeak-ng language, spoken by espeak-ng's own synthesizer one sentence at a time. */
final class EspeakVoice implements Voice {

    /** espeak-ng's default speaking rate and the range it accepts, in words per minute. */
    private static final int DEFAULT_RATE = 175;
    private static final int MIN_RATE = 80;
    private static final int MAX_RATE = 450;
    /**
     * The longest text given to espeak-ng at once: a "sentence" with no sentence end (thousands of
     * characters) is spoken in pieces of at most this, so no single call runs for long.
     */
    static final Pieces PIECES = Pieces.hardOnly(600);

    private final EspeakLibrary library;
    private final VoiceInfo info;

    EspeakVoice(EspeakLibrary library, VoiceInfo info) {
        this.library = library;
        this.info = info;
    }

    @Override
    public VoiceInfo info() {
        return info;
    }

    @Override
    public Synthesis synthesize(String text, SynthesisOptions options) throws EngineException {
        if (info.speakerNumber(options.speaker()) != 0) {
            throw new EngineException(EngineException.INVALID_SPEAKER,
                    "voice " + info.id() + " has a single speaker; got " + options.speaker());
        }
        int rate = (int) Math.round(Math.clamp(DEFAULT_RATE * options.speed(), MIN_RATE, MAX_RATE));
        Deque<String> sentences = new ArrayDeque<>();
        for (String sentence : Sentences.split(library, info.language(), text)) {
            sentences.addAll(PIECES.cut(sentence, Pieces.clauseEndsInText(sentence), false));
        }
        return new Synthesis() {
            @Override
            public boolean speakNext(PcmSink sink) throws EngineException {
                String sentence = sentences.poll();
                if (sentence == null) {
                    return false;
                }
                library.synthesize(info.language(), sentence, rate, sink);
                return true;
            }

            @Override
            public boolean hasNext() {
                return !sentences.isEmpty();
            }
        };
    }

    /** Each sentence's clauses as espeak-ng phonemizes them, joined by spaces. */
    @Override
    public List<SpokenSentence> phonemize(String text) throws EngineException {
        List<SpokenSentence> spoken = new ArrayList<>();
        for (String sentence : Sentences.split(library, info.language(), text)) {
            StringJoiner phonemes = new StringJoiner(" ");
            for (EspeakLibrary.Clause clause : library.phonemize(info.language(), sentence)) {
                if (!clause.phonemes().isBlank()) {
                    phonemes.add(clause.phonemes().strip());
                }
            }
            spoken.add(new SpokenSentence(sentence, phonemes.toString()));
        }
        return spoken;
    }

    @Override
    public void close() {
        // Nothing is held per voice.
    }
}
