package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrashingTextsTest {

    @Test
    void aRecordedTextIsRefusedWhateverSpacesSurroundItAndOthersPass() {
        CrashingTexts texts = new CrashingTexts();
        texts.record("x.999 ");
        assertTrue(texts.contains("  x.999\n"));
        assertFalse(texts.contains("x.9999"));
        SpeechException refused = assertThrows(SpeechException.class, () -> texts.refuse("x.999"));
        assertEquals(SpeechException.Reason.INPUT_CRASHED_ENGINE, refused.reason());
        assertDoesNotThrow(() -> texts.refuse("Hello."));
    }

    @Test
    void keepsTheMostRecentFewThousand() {
        CrashingTexts texts = new CrashingTexts();
        for (int i = 0; i <= 4096; i++) {
            texts.record("text " + i);
        }
        assertFalse(texts.contains("text 0"));
        assertTrue(texts.contains("text 1"));
        assertTrue(texts.contains("text 4096"));
    }
}
