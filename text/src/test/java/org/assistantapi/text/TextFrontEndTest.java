package org.assistantapi.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The settings and the languages without complete rules; the case tables cover the rest. */
class TextFrontEndTest {

    private final TextFrontEnd defaults = new TextFrontEnd(TextSettings.DEFAULT);

    @Test
    void otherLanguagesGetMarkupRemovalAndIcuNumberWords() {
        assertEquals("J'ai vingt-et-un ans.", defaults.normalize("J'ai **21** ans.", "fr-fr"));
        assertEquals("trois virgule cinq", defaults.normalize("3,5", "fr"));
        assertEquals("Tengo mil doscientos euros", defaults.normalize("Tengo 1.200 euros", "es"));
        assertEquals("moins cinq", defaults.normalize("-5", "fr"));
    }

    @Test
    void aLanguageIcuCannotSpellIsLeftToTheEngine() {
        assertEquals("Title. 42 things", defaults.normalize("# Title\n42 things", "xx"));
    }

    @Test
    void codeBlocksCanBeSpoken() {
        TextFrontEnd speaking = new TextFrontEnd(new TextSettings(CodeReading.SPEAK, EmojiReading.DROP, null));
        assertEquals("Run: npm install. npm test. Done.",
                speaking.normalize("Run:\n```\nnpm install\nnpm test\n```\nDone.", "en-us"));
    }

    @Test
    void emojiCanBeLeftForTheEngine() {
        TextFrontEnd keeping = new TextFrontEnd(new TextSettings(CodeReading.SKIP, EmojiReading.SPEAK, null));
        assertEquals("Great 👍", keeping.normalize("Great 👍", "en-us"));
    }

    @Test
    void languageNamesAreReadLikeEnginesWriteThem() {
        assertEquals("the third of April twenty twenty-six", defaults.normalize("3/4/2026", "en_GB"));
        assertEquals("the third of April twenty twenty-six", defaults.normalize("3/4/2026", "en"));
        assertEquals("March fourth, twenty twenty-six", defaults.normalize("3/4/2026", "EN-US"));
        assertEquals("am dritten April zweitausendsechsundzwanzig", defaults.normalize("am 3.4.2026", "de-de"));
    }

    @Test
    void phonemeBlocksAreNeverTouched() {
        String text = "[[ 1/2 *x* https://a.com ]] and 2";
        assertEquals("[[ 1/2 *x* https://a.com ]] and two", defaults.normalize(text, "en-us"));
    }

    @Test
    void emptyAndPlainTextPassThrough() {
        assertEquals("", defaults.normalize("", "en-us"));
        assertEquals("Hello there.", defaults.normalize("Hello there.", "de"));
    }
}
