package org.assistantapi.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Adds up, per voice, the audio and engine time that workers report with each spoken segment,
 * and the characters of those segments: each voice's measured cost, for placing jobs.
 */
final class SynthesisMeter {

    /** The cost assumed for a voice not measured yet while no voice is: about a medium Piper voice's. */
    static final double UNMEASURED_SECONDS_PER_CHAR = 0.005;

    private record Sums(LongAdder audioMicros, LongAdder engineMicros, LongAdder chars, LongAdder charEngineMicros) {
    }

    private final Map<String, Sums> byVoice = new ConcurrentHashMap<>();

    /** @param chars the segment's characters, 0 when unknown (it then counts for the totals only) */
    void record(String voice, int chars, long audioMicros, long engineMicros) {
        Sums sums = byVoice.computeIfAbsent(voice, v -> new Sums(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()));
        sums.audioMicros().add(audioMicros);
        sums.engineMicros().add(engineMicros);
        if (chars > 0) {
            sums.chars().add(chars);
            sums.charEngineMicros().add(engineMicros);
        }
    }

    /** The voice's engine seconds per character so far; for a voice not measured, the dearest measured one's. */
    double engineSecondsPerChar(String voice) {
        Sums sums = byVoice.get(voice);
        if (sums != null && sums.chars().sum() > 0) {
            return secondsPerChar(sums);
        }
        return byVoice.values().stream().filter(s -> s.chars().sum() > 0).mapToDouble(SynthesisMeter::secondsPerChar)
                .max().orElse(UNMEASURED_SECONDS_PER_CHAR);
    }

    private static double secondsPerChar(Sums sums) {
        return sums.charEngineMicros().sum() / 1e6 / sums.chars().sum();
    }

    List<SynthesisTotal> totals() {
        return byVoice.entrySet().stream()
                .map(e -> new SynthesisTotal(e.getKey(), e.getValue().audioMicros().sum() / 1e6,
                        e.getValue().engineMicros().sum() / 1e6))
                .sorted(Comparator.comparing(SynthesisTotal::voice))
                .toList();
    }
}
