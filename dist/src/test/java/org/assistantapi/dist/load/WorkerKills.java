package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Worker kills under load: one-shot clients and LLM-paced sessions run while a worker is killed
 * (SIGKILL) at a third and at two thirds of the run (the second once every worker is back).
 * One-shot responses on a killed worker are cut off (counted as errors: the client sees a
 * truncated response); sessions must go on on another worker without an error; afterwards every
 * worker must be back ({@link ScenarioRunner} checks).
 */
final class WorkerKills implements Scenario {

    private final int oneShotClients;
    private final int sessionClients;

    WorkerKills(int oneShotClients, int sessionClients) {
        this.oneShotClients = oneShotClients;
        this.sessionClients = sessionClients;
    }

    @Override
    public String name() {
        return "worker-kills";
    }

    @Override
    public String title(LoadContext context) {
        return "worker-kills: " + oneShotClients + " one-shot clients and " + sessionClients + " LLM-paced sessions for "
                + context.runDuration().toSeconds() + " s; a worker killed (SIGKILL) at 1/3 and 2/3 of the run, the second once the first is back";
    }

    @Override
    public Result run(LoadContext context) throws Exception {
        if (context.processes().isEmpty()) {
            return new Result(List.of(), List.of("skipped: the server's processes are not known (--url without --pid)"));
        }
        context.awaitNoStreams();
        Duration third = context.runDuration().dividedBy(3);
        CompletableFuture<List<CallResult>> sessions = CompletableFuture.supplyAsync(
                () -> LlmSessions.run(context, sessionClients, Duration.ofMillis(40), context.runDuration()),
                command -> Thread.ofVirtual().start(command));
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                for (int kill = 0; kill < 2; kill++) {
                    Thread.sleep(third);
                    // One worker down at a time: a worker takes ~2 s to come back, so a second kill
                    // a third of a 6 s run later often found the first still restarting, left no
                    // worker at all, and a session created then was refused (not_ready).
                    if (!context.awaitFullStrength()) {
                        return;
                    }
                    context.processes().orElseThrow().workers().stream().findFirst().ifPresent(ProcessHandle::destroyForcibly);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        LoadContext.Measured oneShot = context.measure(List.of(context.oneShotClients("one-shot", oneShotClients)));
        killer.join();
        List<CallResult> sessionCalls = sessions.get();
        List<CallResult> killed = oneShot.run().all().stream().filter(WorkerKills::killedByAWorkerDeath).toList();
        List<CallResult> others = oneShot.run().all().stream().filter(call -> !killedByAWorkerDeath(call)).toList();
        return new Result(List.of(
                oneShot.row(oneShotClients + " one-shot (not on a killed worker)", oneShotClients, others),
                oneShot.row(sessionClients + " LLM-paced sessions", sessionClients, sessionCalls)),
                List.of(killed.size() + " one-shot responses were cut off or refused (503) by the kills, as expected for"
                        + " requests on a killed worker; they are left out of the first row"));
    }

    /**
     * What a client of a killed worker sees: 503 before its job started, or a 200 that broke off
     * (before or after its first audio). Whole responses of the wrong length still count as errors.
     */
    private static boolean killedByAWorkerDeath(CallResult call) {
        return call.error() != null
                && (call.status() == 503 || call.status() == 200 && !call.error().startsWith("incomplete audio"));
    }
}
