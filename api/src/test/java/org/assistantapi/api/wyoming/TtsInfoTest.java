package org.assistantapi.api.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TtsInfoTest {

    @Test
    void languagesAreWrittenAsBcp47() {
        assertEquals("en-US", TtsInfo.languageTag("en-us"));
        assertEquals("en-US", TtsInfo.languageTag("en_US"));
        assertEquals("de", TtsInfo.languageTag("de"));
        assertEquals("en-GB-x-rp", TtsInfo.languageTag("en-gb-x-rp"));
        assertEquals("???", TtsInfo.languageTag("???"));
    }
}
