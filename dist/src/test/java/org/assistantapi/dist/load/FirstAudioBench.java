package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assistantapi.dist.RealisticVoiceDirectory;

/**
 * Issue 16's end-to-end benchmark: how soon a 20-word sentence (twenty-words.txt) starts to sound
 * through the real server, decoded in windows against synthesized whole. For each realistic voice
 * two servers run side by side, one with decoder windows (the defaults) and one with
 * {@code piper.first_window_ms: 0} and piece budgets so large that the sentence is one inference,
 * one worker each; each run asks both, in turn, for the sentence
 * as a one-shot request and as a session's flushed append. Per voice and path it prints the
 * medians of the first audio byte and of the last (from the request, or the append) for each
 * server, and the two ratios the issue sets targets for: windowed first audio over the whole
 * sentence's time when unsplit (at most 25 %), and windowed total over unsplit total (at most 1.1×).
 * Bounded: {@code --runs} runs (default 7) per voice.
 */
final class FirstAudioBench {

    private static final PrintStream OUT = System.out;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Runs of each path before the counted ones: a fresh worker's first audio shrinks over its first
     * few requests, and its windowed sentences pay page faults until its heaps have grown to the
     * sizes they keep (~40 sentences, docs/developer/piper.md).
     */
    private static final int WARM_UP_RUNS = 40;

    /** When one rendering's first and last audio bytes came, in nanoseconds from its start. */
    private record Timing(long firstNanos, long lastNanos) {
    }

    private final String sentence;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private FirstAudioBench(String sentence) {
        this.sentence = sentence;
    }

    /** @param args {@code [--voices medium,x_low] [--runs N]} */
    static void main(List<String> args) throws Exception {
        List<String> qualities = List.of("medium", "x_low");
        int runs = 7;
        for (int i = 0; i < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--voices" -> qualities = List.of(args.get(i + 1).split(","));
                case "--runs" -> runs = Integer.parseInt(args.get(i + 1));
                default -> throw new IllegalArgumentException("first-audio takes --voices, --runs, not " + args.get(i));
            }
        }
        FirstAudioBench bench = new FirstAudioBench(Files.readString(Options.texts().resolve("twenty-words.txt")).strip());
        OUT.println("# first-audio benchmark, " + Instant.now());
        OUT.println("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + Files.readString(Path.of("/proc/loadavg")).strip() + " before the run");
        OUT.println("- twenty-words.txt as pcm, " + runs + " runs per voice and path, medians; windowed: piper defaults,"
                + " whole: piper.first_window_ms 0, the sentence one inference; one worker per server");
        OUT.println();
        OUT.println("| voice | path | first audio windowed ms | first audio whole ms | last audio windowed ms | last audio whole ms "
                + "| first windowed / last whole | total windowed / whole |");
        OUT.println("|---|---|---|---|---|---|---|---|");
        for (String quality : qualities) {
            bench.voice(quality, runs);
        }
    }

    private void voice(String quality, int runs) throws Exception {
        Path voices = RealisticVoiceDirectory.of(quality);
        String voice = quality.equals("medium") ? RealisticVoiceDirectory.MEDIUM : RealisticVoiceDirectory.X_LOW;
        String yaml = "workers:\n  count: 1\nvoices:\n  dirs: [\"" + voices + "\"]\n  prewarm: [" + voice + "]\n";
        try (LaunchedServer windowed = LaunchedServer.start(Options.home(), yaml);
             LaunchedServer whole = LaunchedServer.start(Options.home(), yaml + "piper:\n  first_window_ms: 0\n"
                     + "scheduling:\n  piece_budget_ms: 60000\n  first_piece_budget_ms: 60000\n")) {
            for (String path : List.of("one-shot", "session")) {
                List<Timing> windowedRuns = new ArrayList<>();
                List<Timing> wholeRuns = new ArrayList<>();
                for (int run = -WARM_UP_RUNS; run < runs; run++) { // warm-up runs (the workers' JIT, heaps) are not counted
                    boolean windowedFirst = run % 2 == 0; // the machine's load drifts: alternate
                    Timing a = speak(path, windowedFirst ? windowed.base() : whole.base(), voice);
                    Timing b = speak(path, windowedFirst ? whole.base() : windowed.base(), voice);
                    if (run >= 0) {
                        windowedRuns.add(windowedFirst ? a : b);
                        wholeRuns.add(windowedFirst ? b : a);
                    }
                }
                long firstWindowed = median(windowedRuns.stream().map(Timing::firstNanos).toList());
                long firstWhole = median(wholeRuns.stream().map(Timing::firstNanos).toList());
                long lastWindowed = median(windowedRuns.stream().map(Timing::lastNanos).toList());
                long lastWhole = median(wholeRuns.stream().map(Timing::lastNanos).toList());
                OUT.println(ResultsTable.format("| %s | %s | %.1f | %.1f | %.1f | %.1f | %.0f %% | %.2f× |", voice, path,
                        firstWindowed / 1e6, firstWhole / 1e6, lastWindowed / 1e6, lastWhole / 1e6,
                        100.0 * firstWindowed / lastWhole, (double) lastWindowed / lastWhole));
            }
        }
    }

    private Timing speak(String path, URI base, String voice) throws Exception {
        return path.equals("one-shot") ? oneShot(base, voice) : session(base, voice);
    }

    private Timing oneShot(URI base, String voice) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(post(base, "/v1/audio/speech",
                Map.of("input", sentence, "voice", voice, "response_format", "pcm")), HttpResponse.BodyHandlers.ofInputStream());
        return read(response, start);
    }

    /** A session whose audio is already being read gets the sentence in one flushing append; timed from the append. */
    private Timing session(URI base, String voice) throws Exception {
        HttpResponse<String> created = http.send(post(base, "/v1/audio/speech/sessions",
                Map.of("voice", voice, "response_format", "pcm")), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IOException("session not created: HTTP " + created.statusCode() + " " + created.body());
        }
        JsonNode session = JSON.readTree(created.body());
        String path = "/v1/audio/speech/sessions/" + session.path("id").asText();
        CompletableFuture<HttpResponse<InputStream>> audio = http.sendAsync(
                HttpRequest.newBuilder(base.resolve(path + "/audio")).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        long start = System.nanoTime();
        http.send(post(base, path + "/append", Map.of("text", sentence, "flush", true)), HttpResponse.BodyHandlers.discarding());
        http.send(post(base, path + "/close", Map.of()), HttpResponse.BodyHandlers.discarding());
        return read(audio.join(), start);
    }

    /** Reads the audio as it comes; pcm at OpenAI's default rate, though only the arrival times are used. */
    private static Timing read(HttpResponse<InputStream> response, long start) throws IOException {
        PlaybackTrace trace = new PlaybackTrace(start, 2.0 * 24_000).read(response);
        if (trace.error() != null || !trace.hasAudio()) {
            throw new IOException(trace.error() == null ? "no audio" : trace.error());
        }
        return new Timing(trace.firstByteNanos(), trace.endNanos() - start);
    }

    private static HttpRequest post(URI base, String path, Map<String, ?> body) throws IOException {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
