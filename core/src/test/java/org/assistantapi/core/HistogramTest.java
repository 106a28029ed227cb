package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void observationsCountUpToEachBoundAndAllInTheCount() {
        Histogram histogram = new Histogram(-1, 0, 0.5, 2);
        for (double value : new double[] {-3, -1, -0.2, 0, 0.3, 1, 2, 7}) {
            histogram.observe(value);
        }
        Histogram.Counts counts = histogram.counts();
        assertEquals(List.of(-1.0, 0.0, 0.5, 2.0), counts.upperBounds());
        assertEquals(List.of(2L, 4L, 5L, 7L), counts.cumulative(), "a bound holds what equals it; 7 is above them all");
        assertEquals(8, counts.count());
        assertEquals(6.1, counts.sum(), 1e-9);
    }

    @Test
    void anEmptyHistogramCountsNothing() {
        Histogram.Counts counts = new Histogram(1, 2).counts();
        assertEquals(List.of(0L, 0L), counts.cumulative());
        assertEquals(0, counts.count());
        assertEquals(0, counts.sum());
    }

    @Test
    void boundsMustAscend() {
        assertThrows(IllegalArgumentException.class, () -> new Histogram(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Histogram(1, -1));
    }
}
