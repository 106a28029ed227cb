package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a scenario and then checks the server the same way after every one: all streams closed
 * (every job finished or cancelled), the workers idle once no client is left (a cancelled job
 * that kept running would show here), every worker up. Samples memory before and after.
 */
final class ScenarioRunner {

    private static final Duration QUIET_WINDOW = Duration.ofSeconds(2);

    private ScenarioRunner() {
    }

    static ScenarioReport run(Scenario scenario, LoadContext context) throws Exception {
        Optional<MemorySample> before = context.processes().map(ServerProcesses::memory);
        Scenario.Result result = scenario.run(context);
        List<String> notes = new ArrayList<>(result.notes());
        List<String> problems = new ArrayList<>(result.problems());
        for (ResultRow row : result.rows()) {
            if (row.errors() > 0) {
                problems.add(row.label() + ": " + row.errors() + " failed requests " + row.errorCounts());
            }
        }
        Optional<Duration> settled = context.awaitNoStreams();
        if (settled.isPresent()) {
            notes.add("no stream open " + settled.get().toMillis() + " ms after the last client was done");
        } else {
            problems.add("streams still open " + LoadContext.SETTLE_LIMIT.toSeconds() + " s after the last client was done");
        }
        if (context.processes().isPresent()) {
            CpuSample quietStart = context.processes().get().cpu();
            Thread.sleep(QUIET_WINDOW);
            CpuUsage quiet = context.processes().get().cpu().since(quietStart);
            notes.add("then, with no client, the workers used " + quiet.workers().toMillis() + " ms of CPU in "
                    + QUIET_WINDOW.toSeconds() + " s (a job left running would use up to " + QUIET_WINDOW.toMillis()
                    + " ms per worker)");
        }
        Health health = context.api().health();
        notes.add("health after: " + health);
        if (!health.fullStrength()) {
            problems.add("server not at full strength after the scenario: " + health);
        }
        return new ScenarioReport(scenario.title(context), result.rows(), notes, problems, before,
                context.processes().map(ServerProcesses::memory));
    }
}
