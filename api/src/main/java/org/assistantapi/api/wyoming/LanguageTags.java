package org.assistantapi.api.wyoming;

import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Voices' languages as valid BCP 47 tags, as Home Assistant expects them ({@code en-US}). Workers
 * report Piper's codes ({@code en_US}) and espeak-ng's names, a few of which are no tags at all
 * ({@code piqd}) or not the registered one ({@code hbs}): those are mapped where a standard tag
 * exists and left out otherwise. The JDK has no copy of the IANA subtag registry, so two-letter
 * languages are checked against ISO 639-1 ({@link Locale#getISOLanguages}), private-use and
 * reserved-length languages are refused, and three-letter ones are taken as espeak-ng names them
 * (every other espeak-ng 1.51 language is registered).
 */
final class LanguageTags {

    /** espeak-ng names whose registered tag differs, or which have none (empty). */
    private static final Map<String, String> ESPEAK_NAMES = Map.of(
            "piqd", "tlh",  // Klingon
            "hbs", "sh",    // Serbo-Croatian: BCP 47 uses the ISO 639-1 code
            "py", "",       // Pyash, a constructed language with no code
            "qdb", "");     // Lang Belta: a private-use code, meaningless to anyone else
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private LanguageTags() {
    }

    /** The language's BCP 47 tag, or empty when it has none. */
    static Optional<String> of(String language) {
        String tag = language.replace('_', '-');
        String primary = tag.split("-", 2)[0].toLowerCase(Locale.ROOT);
        String mapped = ESPEAK_NAMES.get(primary);
        if (mapped != null) {
            // the table's tags are registered ones the JDK's ISO 639-1 list may lack (sh)
            return mapped.isEmpty() ? Optional.empty() : wellFormed(mapped + tag.substring(primary.length()));
        }
        return wellFormed(tag).or(() -> wellFormed(Locale.forLanguageTag(language.replace('_', '-')).toLanguageTag()))
                .filter(LanguageTags::validLanguage);
    }

    /** The tag in canonical case, if it parses strictly ({@code en-us-nyc} does not: its variant is too short). */
    private static Optional<String> wellFormed(String tag) {
        try {
            return Optional.of(new Locale.Builder().setLanguageTag(tag).build().toLanguageTag())
                    .filter(canonical -> !canonical.equals("und") && !canonical.isEmpty());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    private static boolean validLanguage(String tag) {
        String language = tag.split("-", 2)[0];
        return switch (language.length()) {
            case 2 -> ISO_639_1.contains(language);
            case 3 -> language.compareTo("qaa") < 0 || language.compareTo("qtz") > 0; // qaa..qtz: private use
            default -> false; // four letters are reserved; five to eight are registered for none of these
        };
    }
}
