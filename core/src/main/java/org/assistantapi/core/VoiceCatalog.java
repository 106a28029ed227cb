package org.assistantapi.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.assistantapi.workers.protocol.VoiceDescriptor;

/**
 * The voices core offers, from what each ready worker reports: a voice is offered once every
 * worker can speak it, and stops being offered as soon as one cannot. Workers notice a change in
 * the voice directories each on its own, a moment apart; until they agree on a voice's new files,
 * the voice keeps the description it had.
 */
final class VoiceCatalog {

    private VoiceCatalog() {
    }

    /**
     * @param previous what was offered until now (empty at start-up)
     * @param reports  each ready worker's voices; at least one
     */
    static List<VoiceDescriptor> agreed(List<VoiceDescriptor> previous, List<List<VoiceDescriptor>> reports) {
        Map<String, VoiceDescriptor> before = byId(previous);
        List<Map<String, VoiceDescriptor>> byWorker = reports.stream().map(VoiceCatalog::byId).toList();
        List<VoiceDescriptor> agreed = new ArrayList<>();
        for (VoiceDescriptor first : reports.getFirst()) {
            List<VoiceDescriptor> everywhere = byWorker.stream().map(voices -> voices.get(first.id())).toList();
            if (everywhere.contains(null)) {
                continue;
            }
            boolean same = everywhere.stream().allMatch(first::equals);
            agreed.add(same ? first : Objects.requireNonNullElse(before.get(first.id()), first));
        }
        return agreed;
    }

    /** One line per voice added, removed or replaced between two catalogs, for the log. */
    static List<String> changes(List<VoiceDescriptor> before, List<VoiceDescriptor> after) {
        Map<String, VoiceDescriptor> old = byId(before);
        Map<String, VoiceDescriptor> now = byId(after);
        List<String> changes = new ArrayList<>();
        now.forEach((id, voice) -> {
            VoiceDescriptor was = old.get(id);
            if (was == null) {
                changes.add("voice " + id + " added (" + voice.engine() + ", " + voice.language() + ")");
            } else if (!was.equals(voice)) {
                changes.add("voice " + id + " replaced: new requests use its new files, streams speaking it finish");
            }
        });
        old.keySet().stream().filter(id -> !now.containsKey(id))
                .forEach(id -> changes.add("voice " + id + " removed: no new requests, streams speaking it finish"));
        return changes;
    }

    private static Map<String, VoiceDescriptor> byId(List<VoiceDescriptor> voices) {
        Map<String, VoiceDescriptor> map = new LinkedHashMap<>();
        voices.forEach(voice -> map.put(voice.id(), voice));
        return map;
    }
}
