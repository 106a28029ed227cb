package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a run of client groups got, by group, and how long the run took until its last client was done. */
record LoadRun(Map<String, List<CallResult>> byGroup, Duration wall) {

    List<CallResult> all() {
        return byGroup.values().stream().flatMap(List::stream).toList();
    }

    List<CallResult> group(String name) {
        return byGroup.getOrDefault(name, List.of());
    }
}
