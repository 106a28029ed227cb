package org.assistantapi.dist.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 6's latency figure: the time from a flushing session append to its first audio at the
 * session's reader, beside a one-shot request's time to first byte for the same text, one client
 * at a time (so the figures show the path, not queueing).
 */
final class SessionLatency implements Scenario {

    private final int rounds;

    SessionLatency(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "session-latency";
    }

    @Override
    public String title(LoadContext context) {
        return "session-latency: " + rounds + " rounds of a one-shot request and a session append (short.txt), one at a time";
    }

    @Override
    public Result run(LoadContext context) throws InterruptedException {
        context.awaitNoStreams();
        List<CallResult> oneShot = new ArrayList<>();
        List<CallResult> session = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            Text text = context.texts().shortText();
            oneShot.add(context.api().speak(text, new ReadPolicy.Whole()).checkedAgainst(text));
            session.add(context.api().speakInSession(text));
        }
        java.time.Duration wall = java.time.Duration.ofNanos(System.nanoTime() - started);
        ResultRow oneShotRow = new ResultRow("one-shot request → first byte", 1, oneShot, wall, java.util.Optional.empty());
        ResultRow sessionRow = new ResultRow("session append → first audio", 1, session, wall, java.util.Optional.empty());
        List<String> notes = new ArrayList<>();
        if (!oneShotRow.ttfb().isEmpty() && !sessionRow.ttfb().isEmpty()) {
            notes.add(ResultsTable.format("p50 session append → audio / one-shot TTFB = %.1f ms / %.1f ms = %.2f",
                    sessionRow.ttfb().millis(0.5), oneShotRow.ttfb().millis(0.5),
                    sessionRow.ttfb().millis(0.5) / oneShotRow.ttfb().millis(0.5)));
        }
        return new Result(List.of(oneShotRow, sessionRow), notes);
    }
}
