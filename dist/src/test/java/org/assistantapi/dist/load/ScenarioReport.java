package org.assistantapi.dist.load;

import java.util.List;
import java.util.Optional;

/**
 * What a scenario measured: its table rows, lines of findings, the problems found (failed
 * requests, streams left open, a server not at full strength afterwards), and the processes'
 * memory at its start and end (empty when the server's processes are unknown, e.g. with
 * {@code --url} alone).
 */
record ScenarioReport(String title, List<ResultRow> rows, List<String> notes, List<String> problems,
                      Optional<MemorySample> memoryAtStart, Optional<MemorySample> memoryAtEnd) {

    ScenarioReport {
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
        problems = List.copyOf(problems);
    }
}
