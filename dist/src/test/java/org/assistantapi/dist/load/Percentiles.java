package org.assistantapi.dist.load;

import java.util.List;

/** Nearest-rank percentiles of a list of durations in nanoseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(List<Long> nanos) {
        sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    /** The smallest value at least {@code p} (0 to 1) of the values are at or below, in milliseconds. */
    double millis(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
