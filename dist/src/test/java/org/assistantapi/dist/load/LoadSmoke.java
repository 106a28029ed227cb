package org.assistantapi.dist.load;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The short load scenarios of the regular test suite (LoadSmokeIT): {@link MixedLoad#standard()}
 * and {@link WorkerKills} (4 one-shot clients, 4 LLM-paced sessions, two workers killed), 6 s each,
 * about 30 s in all with the calibration and the checks afterwards.
 */
public final class LoadSmoke {

    private static final Duration RUN = Duration.ofSeconds(6);
    private static final int MAX_REQUESTS_PER_CLIENT = 200;

    private LoadSmoke() {
    }

    /**
     * Runs the scenario against a running server on loopback and prints its report.
     *
     * @param serverPid the server's process id (its children are the workers)
     * @param texts     the directory of the test texts
     * @return the problems found; empty when every request got its whole audio (or hung up as
     *         intended, or was on a killed worker), every session went on after the kills, every
     *         stream closed and every worker is up afterwards
     */
    public static List<String> run(URI base, long serverPid, Path texts, PrintStream out) throws Exception {
        try (Target target = Target.external(base, Optional.of(serverPid))) {
            LoadContext context = LoadContext.connect(target, texts, RUN, MAX_REQUESTS_PER_CLIENT);
            List<String> problems = new ArrayList<>();
            for (Scenario scenario : List.of(MixedLoad.standard(), new WorkerKills(4, 4))) {
                ScenarioReport report = ScenarioRunner.run(scenario, context);
                new ResultsTable(OptionalDouble.empty()).print(out, report);
                problems.addAll(report.problems());
            }
            return problems;
        }
    }
}
