package org.assistantapi.engines.piper;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.Pieces;
import org.assistantapi.engines.SpokenSentence;
import org.assistantapi.engines.espeak.EspeakLibrary;
import org.assistantapi.engines.espeak.LongWords;
import org.assistantapi.engines.espeak.Sentences;

/**
 * Text to phonemes grouped by sentence, as Piper does it. A phoneme is one code point; a sentence
 * is returned as the string of its phonemes.
 *
 * <p>espeak voices (piper-phonemize's {@code phonemize_eSpeak}): each espeak-ng clause's IPA is
 * NFD-decomposed, passed through the phoneme map, stripped of {@code (lang)} switch flags, and
 * followed by its punctuation: {@code . ? !} end the sentence, {@code , : ;} are followed by a
 * space. Text inside {@code [[ ]]} is taken as raw phonemes (piper1-gpl). Text voices: the
 * text's own code points, NFD-decomposed, as one sentence.
 */
final class PiperPhonemizer {

    private static final Pattern RAW_PHONEMES = Pattern.compile("\\[\\[(.*?)]]");

    /** piper-phonemize's built-in maps, used when a voice brings no phoneme_map of its own. */
    private static final Map<String, Map<Integer, List<Integer>>> DEFAULT_PHONEME_MAPS =
            Map.of("pt-br", Map.of((int) 'c', List.of((int) 'k')));

    private final PiperVoiceConfig config;
    private final EspeakLibrary espeak;
    private final Map<Integer, List<Integer>> phonemeMap;

    /** @param espeak the phonemizer of espeak voices; null for text voices */
    PiperPhonemizer(PiperVoiceConfig config, EspeakLibrary espeak) {
        this.config = config;
        this.espeak = espeak;
        this.phonemeMap = config.phonemeMap().isEmpty() && config.phonemeType() == PiperVoiceConfig.PhonemeType.ESPEAK
                ? DEFAULT_PHONEME_MAPS.getOrDefault(config.espeakVoice(), Map.of())
                : config.phonemeMap();
    }

    /** Each sentence's phonemes; sentences without any are dropped, as Piper skips them. */
    List<PhonemeSentence> phonemize(String text) throws EngineException {
        List<SentenceBuilder> sentences = switch (config.phonemeType()) {
            case TEXT -> List.of(SentenceBuilder.ofText(mapped(nfd(text))));
            case ESPEAK -> espeakWithRawPhonemes(text);
        };
        return sentences.stream().filter(s -> !s.isEmpty()).map(SentenceBuilder::build).toList();
    }

    /**
     * A sentence being built, with the offsets where its clauses end (where it may be cut into
     * pieces) and the words its phonemes speak.
     */
    private static final class SentenceBuilder {
        final StringBuilder phonemes = new StringBuilder();
        final List<Integer> clauseEnds = new ArrayList<>();
        final List<WordPhonemes> words = new ArrayList<>();

        static SentenceBuilder ofText(String text) {
            SentenceBuilder sentence = new SentenceBuilder();
            sentence.phonemes.append(text);
            sentence.clauseEnds.addAll(Pieces.clauseEndsInText(text));
            sentence.words.addAll(PhonemeWords.align(text, text, 0, text.length()));
            return sentence;
        }

        boolean isEmpty() {
            return phonemes.isEmpty();
        }

        /** Continues this sentence with another, keeping the other's clause ends. */
        void append(SentenceBuilder other) {
            other.clauseEnds.forEach(end -> clauseEnds.add(phonemes.length() + end));
            other.words.forEach(word -> words.add(word.shifted(phonemes.length())));
            phonemes.append(other.phonemes);
        }

        void endClause() {
            clauseEnds.add(phonemes.length());
        }

        PhonemeSentence build() {
            return new PhonemeSentence(phonemes.toString(), clauseEnds.stream().filter(end -> end < phonemes.length()).toList(),
                    words);
        }
    }

    /**
     * The text's sentences (espeak-ng's rule, as {@link #phonemize} splits them) with the phonemes
     * each is spoken with; a text voice's text is one sentence.
     */
    List<SpokenSentence> sentences(String text) throws EngineException {
        List<String> texts = config.phonemeType() == PiperVoiceConfig.PhonemeType.ESPEAK
                ? Sentences.split(espeak, config.espeakVoice(), text) : List.of(text.strip());
        List<SpokenSentence> spoken = new ArrayList<>();
        for (String sentence : texts) {
            spoken.add(new SpokenSentence(sentence, String.join(" ", phonemize(sentence).stream().map(PhonemeSentence::phonemes).toList())));
        }
        return spoken;
    }

    /**
     * piper1-gpl's {@code [[ ]]} rule: a raw block joins the sentence before it (with a space on
     * each side where the text has one there), and the sentence after it continues that sentence.
     */
    private List<SentenceBuilder> espeakWithRawPhonemes(String text) throws EngineException {
        List<SentenceBuilder> sentences = new ArrayList<>();
        Matcher raw = RAW_PHONEMES.matcher(text);
        boolean afterRaw = false;
        int start = 0;
        while (true) {
            boolean found = raw.find();
            String part = text.substring(start, found ? raw.start() : text.length());
            List<SentenceBuilder> partSentences = espeakSentences(part);
            if (afterRaw && !partSentences.isEmpty()) {
                sentences.getLast().append(partSentences.removeFirst());
            }
            sentences.addAll(partSentences);
            if (!found) {
                return sentences;
            }
            if (sentences.isEmpty()) {
                sentences.add(new SentenceBuilder());
            }
            SentenceBuilder sentence = sentences.getLast();
            if (part.endsWith(" ")) {
                sentence.phonemes.append(' ');
            }
            sentence.phonemes.append(raw.group(1).strip());
            if (text.startsWith(" ", raw.end())) {
                sentence.phonemes.append(' ');
            }
            afterRaw = true;
            start = raw.end();
        }
    }

    /** One text part, sentence by sentence; its last clause always closes a sentence (espeak's end of text). */
    private List<SentenceBuilder> espeakSentences(String text) throws EngineException {
        List<SentenceBuilder> sentences = new ArrayList<>();
        if (text.isEmpty()) {
            return sentences;
        }
        String guarded = LongWords.guard(text); // what the clauses' text offsets refer to
        List<EspeakLibrary.Clause> clauses = espeak.phonemize(config.espeakVoice(), guarded);
        SentenceBuilder sentence = new SentenceBuilder();
        int clauseStart = 0;
        for (int i = 0; i < clauses.size(); i++) {
            EspeakLibrary.Clause clause = clauses.get(i);
            int phonemesStart = sentence.phonemes.length();
            appendClause(sentence.phonemes, clause.phonemes());
            String clauseText = guarded.substring(Math.min(clauseStart, clause.textEnd()), clause.textEnd());
            sentence.words.addAll(PhonemeWords.align(clauseText, sentence.phonemes, phonemesStart, sentence.phonemes.length()));
            clauseStart = clause.textEnd();
            appendPunctuation(sentence.phonemes, clause.terminator());
            if (Sentences.endsSentence(clause.terminator()) || i == clauses.size() - 1) {
                sentences.add(sentence);
                sentence = new SentenceBuilder();
            } else {
                sentence.endClause();
            }
        }
        return sentences;
    }

    /** Appends a clause's phonemes without espeak-ng's {@code (en)}-style language switch flags. */
    private void appendClause(StringBuilder sentence, String ipa) {
        boolean inLanguageFlag = false;
        for (int phoneme : mapped(nfd(ipa)).codePoints().toArray()) {
            if (inLanguageFlag) {
                inLanguageFlag = phoneme != ')';
            } else if (phoneme == '(') {
                inLanguageFlag = true;
            } else {
                sentence.appendCodePoint(phoneme);
            }
        }
    }

    /** Piper keeps punctuation as phonemes; other clause ends (…, dashes, none) add nothing. */
    private static void appendPunctuation(StringBuilder sentence, int terminator) {
        switch (terminator) {
            case '.', '?', '!' -> sentence.appendCodePoint(terminator);
            case ',', ':', ';' -> sentence.appendCodePoint(terminator).append(' ');
            default -> {
            }
        }
    }

    private String mapped(String phonemes) {
        if (phonemeMap.isEmpty()) {
            return phonemes;
        }
        StringBuilder out = new StringBuilder(phonemes.length());
        phonemes.codePoints().forEach(phoneme -> {
            List<Integer> replacement = phonemeMap.get(phoneme);
            if (replacement == null) {
                out.appendCodePoint(phoneme);
            } else {
                replacement.forEach(out::appendCodePoint);
            }
        });
        return out.toString();
    }

    /** Decomposes, e.g. "ç" into "c" + U+0327, so accents are phonemes of their own. */
    private static String nfd(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }
}
