package org.assistantapi.dist.load;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of a results table: the calls of one client group (or of a whole run) over a stretch
 * of wall time, and the CPU the processes used meanwhile if it was measured.
 */
record ResultRow(String label, int clients, List<CallResult> calls, Duration wall, Optional<CpuUsage> cpu) {

    ResultRow {
        calls = List.copyOf(calls);
    }

    long errors() {
        return calls.stream().filter(c -> c.error() != null).count();
    }

    long hangUps() {
        return calls.stream().filter(CallResult::hungUp).count();
    }

    /** Time to first byte of the calls that got audio. */
    Percentiles ttfb() {
        return new Percentiles(calls.stream().filter(CallResult::hasFirstByte).map(CallResult::ttfbNanos).toList());
    }

    /** Seconds of audio in the complete responses. */
    double audioSeconds() {
        return Text.audioSeconds(calls.stream().filter(CallResult::complete).mapToLong(CallResult::bytes).sum());
    }

    /** Seconds of audio delivered per second of wall time. */
    double throughput() {
        return audioSeconds() / seconds(wall);
    }

    /** CPU milliseconds per second of audio delivered. */
    double msPerAudioSecond(Duration cpu) {
        return seconds(cpu) * 1e3 / audioSeconds();
    }

    /** Each distinct error and how often it happened. */
    Map<String, Integer> errorCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        calls.stream().filter(c -> c.error() != null).forEach(c -> counts.merge(c.error(), 1, Integer::sum));
        return counts;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
