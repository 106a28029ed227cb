package org.assistantapi.dist.load;

import java.util.List;

/**
 * One load scenario against a running server. A scenario builds its client groups, runs them
 * through {@link LoadContext#measure} and says what it found; the tool adds memory figures and
 * prints the report. Issue 8's scenarios (sessions at LLM pace, worker kills, soak) implement this too.
 */
interface Scenario {

    /** The name it is chosen by on the command line. */
    String name();

    /** The report's title: what was run, with its parameters. */
    String title(LoadContext context);

    Result run(LoadContext context) throws Exception;

    /**
     * The table rows and findings of a run, and the problems it found beyond its rows' failed
     * requests.
     */
    record Result(List<ResultRow> rows, List<String> notes, List<String> problems) {

        Result(List<ResultRow> rows, List<String> notes) {
            this(rows, notes, List.of());
        }
    }
}
