package org.assistantapi.api.http;

import java.util.Locale;

import org.assistantapi.core.Histogram;

/** A histogram's counts as Prometheus text: cumulative {@code _bucket} lines, then {@code _sum} and {@code _count}. */
final class HistogramText {

    private HistogramText() {
    }

    /** @param labels {@code a="b",} or empty */
    static void write(StringBuilder out, String name, String labels, Histogram.Counts counts) {
        for (int i = 0; i < counts.upperBounds().size(); i++) {
            out.append(name).append("_bucket{").append(labels).append("le=\"")
                    .append(String.format(Locale.ROOT, "%s", counts.upperBounds().get(i))).append("\"} ")
                    .append(counts.cumulative().get(i)).append('\n');
        }
        out.append(name).append("_bucket{").append(labels).append("le=\"+Inf\"} ").append(counts.count()).append('\n');
        String plain = labels.isEmpty() ? "" : "{" + labels.substring(0, labels.length() - 1) + "}";
        out.append(name).append("_sum").append(plain).append(' ').append(counts.sum()).append('\n');
        out.append(name).append("_count").append(plain).append(' ').append(counts.count()).append('\n');
    }
}
