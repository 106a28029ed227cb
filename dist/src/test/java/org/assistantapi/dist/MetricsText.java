package org.assistantapi.dist;

/** Reads a value from the server's {@code /metrics} text (Prometheus' text format). */
public final class MetricsText {

    private MetricsText() {
    }

    /**
     * The value of the sample named exactly {@code name} (with its labels, if any, as written).
     *
     * @throws IllegalStateException when the text has no such sample
     */
    public static double value(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1))).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not in /metrics"));
    }
}
