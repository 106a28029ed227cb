package org.assistantapi.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations counted by upper bound, with their sum: a distribution kept as plain numbers for
 * whoever reports it. Thread-safe; many threads observe while one reads.
 */
public final class Histogram {

    /**
     * The counts at one moment.
     *
     * @param upperBounds ascending
     * @param cumulative  for each bound, the observations at most that bound
     * @param count       every observation, those above the last bound included
     */
    public record Counts(List<Double> upperBounds, List<Long> cumulative, double sum, long count) {
        public Counts {
            upperBounds = List.copyOf(upperBounds);
            cumulative = List.copyOf(cumulative);
        }
    }

    private final double[] bounds;
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    /** @param upperBounds ascending, the last finite (everything above it is counted in {@code count} only) */
    public Histogram(double... upperBounds) {
        for (int i = 1; i < upperBounds.length; i++) {
            if (!(upperBounds[i - 1] < upperBounds[i])) {
                throw new IllegalArgumentException("bounds not ascending: " + Arrays.toString(upperBounds));
            }
        }
        this.bounds = upperBounds.clone();
        this.buckets = new LongAdder[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void observe(double value) {
        for (int i = 0; i < bounds.length; i++) {
            if (value <= bounds[i]) {
                buckets[i].increment();
                break;
            }
        }
        sum.add(value);
        count.increment();
    }

    /** The counts now; an observation being recorded meanwhile may show in a bucket and not yet in the count, never the reverse. */
    public Counts counts() {
        List<Double> upperBounds = new ArrayList<>(bounds.length);
        List<Long> cumulative = new ArrayList<>(bounds.length);
        long running = 0;
        for (int i = 0; i < bounds.length; i++) {
            running += buckets[i].sum();
            upperBounds.add(bounds[i]);
            cumulative.add(running);
        }
        return new Counts(upperBounds, cumulative, sum.sum(), Math.max(count.sum(), running));
    }
}
