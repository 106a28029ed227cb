package org.assistantapi.core;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Adds up, per voice, the audio and engine time that workers report with each spoken segment. */
final class SynthesisMeter {

    private record Sums(LongAdder audioMicros, LongAdder engineMicros) {
    }

    private final Map<String, Sums> byVoice = new ConcurrentHashMap<>();

    void record(String voice, long audioMicros, long engineMicros) {
        Sums sums = byVoice.computeIfAbsent(voice, v -> new Sums(new LongAdder(), new LongAdder()));
        sums.audioMicros().add(audioMicros);
        sums.engineMicros().add(engineMicros);
    }

    List<SynthesisTotal> totals() {
        return byVoice.entrySet().stream()
                .map(e -> new SynthesisTotal(e.getKey(), e.getValue().audioMicros().sum() / 1e6,
                        e.getValue().engineMicros().sum() / 1e6))
                .sorted(Comparator.comparing(SynthesisTotal::voice))
                .toList();
    }
}
