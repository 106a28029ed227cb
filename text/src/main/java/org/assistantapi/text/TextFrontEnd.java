package org.assistantapi.text;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

/**
 * Reads what an assistant wrote the way a careful person reads it aloud, in the voice's
 * language, for an engine to phonemize: Markdown to its words, emoji dropped, numbers, dates,
 * times, money, units, URLs and abbreviations as words, the operator's lexicon applied;
 * {@code [[ ]]} phonemes untouched.
 *
 * <p>English (US and elsewhere) and German have complete rules; any other language gets markup
 * and emoji removal and ICU's number words, and espeak-ng's own rules for the rest. Not
 * thread-safe (ICU's formatters are not): a worker uses one from its synthesis thread.
 */
public final class TextFrontEnd {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" (?=[,.;:!?](?:\\s|$))");

    private final TextSettings settings;
    private final Lexicon lexicon;
    private final Map<String, Language> languages = new HashMap<>();
    private final Map<String, LanguageReader> readers = new HashMap<>();

    public TextFrontEnd(TextSettings settings) {
        this.settings = settings;
        this.lexicon = settings.lexiconDir() == null ? null : new Lexicon(settings.lexiconDir());
    }

    /**
     * The text as words to speak.
     *
     * @param language the voice's language as engines name it ({@code en-us}, {@code en_GB}, {@code de}, ...)
     */
    public String normalize(String text, String language) {
        String key = key(language);
        PhonemeBlocks phonemes = new PhonemeBlocks();
        String plain = MarkdownReader.read(phonemes.hide(text), settings.code(), codeSkipped(key));
        if (settings.emoji() == EmojiReading.DROP) {
            plain = EmojiFilter.drop(plain);
        }
        if (lexicon != null) {
            plain = phonemes.hide(lexicon.apply(plain, key)); // an entry may say [[ phonemes ]]
        }
        LanguageReader reader = reader(key);
        String words = reader == null ? plain : reader.read(plain);
        words = SPACE_BEFORE_PUNCTUATION.matcher(SPACES.matcher(words).replaceAll(" ")).replaceAll("").strip();
        return phonemes.restore(words);
    }

    private static String key(String language) {
        return language == null ? "" : language.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private String codeSkipped(String key) {
        Language complete = complete(key);
        return complete == null ? "" : complete.codeSkipped();
    }

    /** The language's reader, or null when ICU has no number words for it either. */
    private LanguageReader reader(String key) {
        if (!readers.containsKey(key)) {
            Language complete = complete(key);
            readers.put(key, complete != null ? new Verbalizer(complete) : numbersOnly(key));
        }
        return readers.get(key);
    }

    /** The complete rules for the language, or null when it has none here. */
    private Language complete(String key) {
        return languages.computeIfAbsent(key, k -> {
            if (k.equals("en-us") || k.startsWith("en-us-")) {
                return new English(true);
            }
            if (k.equals("en") || k.startsWith("en-")) {
                return new English(false);
            }
            if (k.equals("de") || k.startsWith("de-")) {
                return new German();
            }
            return null;
        });
    }

    /** ICU's number words, when ICU has spellout rules for this language itself (not a fallback). */
    private static NumberReader numbersOnly(String key) {
        ULocale locale = ULocale.forLanguageTag(key);
        if (locale.getLanguage().isEmpty()) {
            return null;
        }
        RuleBasedNumberFormat format = new RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT);
        ULocale actual = format.getLocale(ULocale.ACTUAL_LOCALE);
        return actual != null && actual.getLanguage().equals(locale.getLanguage()) ? new NumberReader(locale) : null;
    }
}
