package org.assistantapi.dist.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/** Prints scenario reports as Markdown tables (so they can be pasted into docs/developer/benchmarks.md). */
final class ResultsTable {

    /** What each column means, printed once. */
    static final String LEGEND = """
            Columns: errors = failed requests (HTTP error, cut off, or audio length off by more than 2 % + 50 ms),
            not counting intended hang-ups; TTFB = request sent to first audio byte; audio s = seconds of
            24 kHz PCM in complete responses; audio/wall = audio seconds delivered per wall second;
            server, workers = CPU ms (utime+stime of /proc/<pid>/stat) per audio second, the server process
            (no engine runs there: all of it is outside the engine) and all workers; workers-engine =
            workers minus the engine's own CPU per audio second, measured in this run by EngineCost;
            tool = the load tool's own CPU per audio second (it shares the cores).""";

    private record Column(String name, Function<ResultRow, String> cell) {
    }

    private final List<Column> columns;

    ResultsTable(OptionalDouble engineMsPerAudioSecond) {
        columns = List.of(
                new Column("row", ResultRow::label),
                new Column("clients", r -> Integer.toString(r.clients())),
                new Column("requests", r -> Integer.toString(r.calls().size())),
                new Column("errors", r -> Long.toString(r.errors())),
                new Column("hang-ups", r -> Long.toString(r.hangUps())),
                new Column("TTFB p50 ms", r -> r.ttfb().isEmpty() ? "-" : format("%.1f", r.ttfb().millis(0.50))),
                new Column("TTFB p99 ms", r -> r.ttfb().isEmpty() ? "-" : format("%.1f", r.ttfb().millis(0.99))),
                new Column("audio s", r -> format("%.0f", r.audioSeconds())),
                new Column("wall s", r -> format("%.1f", r.wall().toNanos() / 1e9)),
                new Column("audio/wall", r -> format("%.0f", r.throughput())),
                new Column("server ms/s", r -> cpu(r, CpuUsage::server)),
                new Column("workers ms/s", r -> cpu(r, CpuUsage::workers)),
                new Column("workers-engine ms/s", r -> engineMsPerAudioSecond.isPresent() && r.cpu().isPresent()
                        && r.audioSeconds() > 0
                        ? format("%.2f", r.msPerAudioSecond(r.cpu().get().workers()) - engineMsPerAudioSecond.getAsDouble())
                        : "-"),
                new Column("tool ms/s", r -> cpu(r, CpuUsage::loadTool)));
    }

    void print(PrintStream out, ScenarioReport report) {
        out.println();
        out.println("## " + report.title());
        out.println();
        List<String[]> lines = new ArrayList<>();
        lines.add(columns.stream().map(Column::name).toArray(String[]::new));
        for (ResultRow row : report.rows()) {
            lines.add(columns.stream().map(c -> c.cell().apply(row)).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        printLine(out, lines.getFirst(), widths);
        String[] rule = new String[widths.length];
        for (int i = 0; i < rule.length; i++) {
            rule[i] = i == 0 ? "-".repeat(widths[i]) : "-".repeat(widths[i] - 1) + ":";
        }
        printLine(out, rule, widths);
        lines.stream().skip(1).forEach(line -> printLine(out, line, widths));
        out.println();
        for (ResultRow row : report.rows()) {
            for (Map.Entry<String, Integer> error : row.errorCounts().entrySet()) {
                out.println("- " + row.label() + ": " + error.getValue() + " × " + error.getKey());
            }
            row.cpu().filter(c -> !c.sameWorkers()).ifPresent(c ->
                    out.println("- " + row.label() + ": a worker died or started meanwhile; its CPU is partly missing"));
        }
        report.notes().forEach(note -> out.println("- " + note));
        report.problems().forEach(problem -> out.println("- PROBLEM: " + problem));
        report.memoryAtStart().ifPresent(m -> out.println("- RSS at start: " + m));
        report.memoryAtEnd().ifPresent(m -> out.println("- RSS at end: " + m));
        out.flush();
    }

    private static void printLine(PrintStream out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(' ').append(i == 0 ? cell + padding : padding + cell).append(" |");
        }
        out.println(line);
    }

    private static String cpu(ResultRow row, Function<CpuUsage, Duration> part) {
        return row.cpu().isPresent() && row.audioSeconds() > 0
                ? format("%.2f", row.msPerAudioSecond(part.apply(row.cpu().get()))) : "-";
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
