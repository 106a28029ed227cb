package org.assistantapi.engines.piper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PhonemeIdMapperTest {

    private final PhonemeIdMapper mapper = new PhonemeIdMapper("test", Map.of(
            (int) '_', List.of(0L), (int) '^', List.of(1L), (int) '$', List.of(2L),
            (int) 'a', List.of(14L), (int) 'b', List.of(15L, 16L)));

    @Test
    void bosPadThenEachPhonemeAndPadThenEos() {
        assertArrayEquals(new long[] {1, 0, 14, 0, 15, 16, 0, 2}, mapper.toIds("ab"));
        assertArrayEquals(new long[] {1, 0, 2}, mapper.toIds(""));
    }

    @Test
    void missingPhonemesAreSkippedWithoutTheirPad() {
        assertArrayEquals(new long[] {1, 0, 14, 0, 15, 16, 0, 2}, mapper.toIds("axbə"));
    }
}
