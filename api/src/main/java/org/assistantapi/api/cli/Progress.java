package org.assistantapi.api.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Download progress, percent and bytes: on a terminal one line rewritten in place a few times a
 * second; otherwise (a log, a pipe) a line at the start, every few seconds and at the end.
 */
final class Progress {

    private static final Duration TERMINAL_INTERVAL = Duration.ofMillis(200);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = (terminal ? TERMINAL_INTERVAL : LOG_INTERVAL).toNanos();
    }

    /** A meter for one file of {@code totalBytes}; feed it the bytes done, close it when the file ends either way. */
    Meter start(String label, long totalBytes) {
        return new Meter(label, totalBytes);
    }

    static String bytes(long count) {
        if (count < 1000) {
            return count + " B";
        }
        return count < 1_000_000
                ? String.format(Locale.ROOT, "%.1f kB", count / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", count / 1e6);
    }

    final class Meter implements LongConsumer, AutoCloseable {

        private final String label;
        private final long total;
        private long shownAt;
        private boolean complete;
        private boolean lineOpen;

        private Meter(String label, long total) {
            this.label = label;
            this.total = total;
            show(0);
        }

        @Override
        public void accept(long done) {
            boolean finished = done >= total;
            if (complete || (!finished && System.nanoTime() - shownAt < intervalNanos)) {
                return;
            }
            complete = finished;
            show(done);
        }

        private void show(long done) {
            shownAt = System.nanoTime();
            long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
            String text = String.format(Locale.ROOT, "  %s %3d%% (%s of %s)", label, percent, bytes(done), bytes(total));
            if (terminal) {
                out.print("\r" + text + "\033[K"); // clear what a longer previous line left
                lineOpen = !complete;
                if (complete) {
                    out.println();
                }
            } else {
                out.println(text);
            }
            out.flush();
        }

        /** Ends a line left open by a download that failed midway, so the next message starts clean. */
        @Override
        public void close() {
            if (lineOpen) {
                out.println();
                lineOpen = false;
            }
        }
    }
}
