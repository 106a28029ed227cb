package org.assistantapi.api.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LanguageTagsTest {

    @Test
    void languagesAreWrittenAsBcp47() {
        assertEquals(Optional.of("en-US"), LanguageTags.of("en-us"));
        assertEquals(Optional.of("en-US"), LanguageTags.of("en_US"));
        assertEquals(Optional.of("de"), LanguageTags.of("de"));
        assertEquals(Optional.of("en-GB-x-rp"), LanguageTags.of("en-gb-x-rp"));
        assertEquals(Optional.of("es-419"), LanguageTags.of("es-419"));
        assertEquals(Optional.of("cmn-Latn-pinyin"), LanguageTags.of("cmn-latn-pinyin"));
        assertEquals(Optional.of("chr-US"), LanguageTags.of("chr-US-Qaaa-x-west"), "a script after the region is no tag");
    }

    @Test
    void espeakNamesThatAreNoTagsAreMappedOrLeftOut() {
        assertEquals(Optional.of("tlh"), LanguageTags.of("piqd"), "Klingon");
        assertEquals(Optional.of("sh"), LanguageTags.of("hbs"), "the registered tag is the two-letter one");
        assertEquals(Optional.of("en-US"), LanguageTags.of("en-us-nyc"), "a variant too short to be one is dropped");
        assertEquals(Optional.empty(), LanguageTags.of("py"), "no such ISO 639-1 language");
        assertEquals(Optional.empty(), LanguageTags.of("qdb"), "private use");
        assertEquals(Optional.empty(), LanguageTags.of("???"));
        assertEquals(Optional.empty(), LanguageTags.of("xx"));
    }
}
