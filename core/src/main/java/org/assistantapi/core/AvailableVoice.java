package org.assistantapi.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.assistantapi.workers.protocol.FromWorker;

/** A voice that the workers can speak, as clients see it in listings. */
public record AvailableVoice(String id, String engine, String language, int sampleRate,
                             int speakerCount, Map<String, Integer> speakers) {

    public AvailableVoice {
        speakers = Map.copyOf(speakers);
    }

    /** The voices in a worker's catalog, as clients see them; none before a worker is ready. */
    static List<AvailableVoice> listed(Optional<FromWorker.Ready> catalog) {
        return catalog.map(FromWorker.Ready::voices).orElse(List.of()).stream()
                .map(v -> new AvailableVoice(v.id(), v.engine(), v.language(), v.sampleRate(), v.speakerCount(), v.speakers()))
                .toList();
    }
}
