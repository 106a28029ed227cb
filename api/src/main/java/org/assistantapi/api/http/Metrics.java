package org.assistantapi.api.http;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.assistantapi.core.Histogram;
import org.assistantapi.core.PlaybackTotals;
import org.assistantapi.core.PoolHealth;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.SynthesisTotal;

/**
 * The server's metrics in Prometheus' text format (version 0.0.4): requests by transport, route
 * and status, duration and time-to-first-audio histograms by transport and route, gauges read from
 * core when scraped, per voice the audio spoken and the engine time it took, and how far ahead of
 * their listeners the workers kept (slack at each delivery, stalls).
 * HTTP routes are the registered patterns ({@code /v1/audio/speech/sessions/{id}/append}), so a
 * client cannot grow the label set; a request no route matched (404, 401) counts as
 * {@code unmatched}. Wyoming's routes are the event that asked for speech ({@link SynthesisLog}).
 */
final class Metrics {

    static final String UNMATCHED = "unmatched";
    private static final double[] TTFB = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double[] DURATION = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private record Key(String transport, String route, int status) {
    }

    /** A histogram's series: one per transport and route. */
    private record Series(String transport, String route) {
        String labels() {
            return "transport=\"" + escape(transport) + "\",route=\"" + escape(route) + "\",";
        }
    }

    private final SpeechService speech;
    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Series, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<Series, Histogram> firstAudio = new ConcurrentHashMap<>();

    Metrics(SpeechService speech) {
        this.speech = speech;
    }

    /** One finished request; {@code firstByteNanos} negative when it sent no audio. */
    void record(String transport, String route, int status, long durationNanos, long firstByteNanos) {
        requests.computeIfAbsent(new Key(transport, route, status), key -> new LongAdder()).increment();
        Series series = new Series(transport, route);
        durations.computeIfAbsent(series, r -> new Histogram(DURATION)).observe(durationNanos / 1e9);
        if (firstByteNanos >= 0) {
            firstAudio.computeIfAbsent(series, r -> new Histogram(TTFB)).observe(firstByteNanos / 1e9);
        }
    }

    /** {@code GET /metrics}. */
    void send(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        res.send(scrape());
    }

    String scrape() {
        StringBuilder out = new StringBuilder(4096);
        header(out, "assistant_api_requests_total", "counter",
                "requests answered (HTTP requests, Wyoming syntheses), by transport, route and status");
        Map<String, Long> counts = new TreeMap<>();
        requests.forEach((key, count) -> counts.put(new Series(key.transport(), key.route()).labels()
                + "status=\"" + key.status() + "\"", count.sum()));
        counts.forEach((labels, count) ->
                out.append("assistant_api_requests_total{").append(labels).append("} ").append(count).append('\n'));
        histograms(out, "assistant_api_request_duration_seconds", "from the request to the end of its response", durations);
        histograms(out, "assistant_api_time_to_first_audio_seconds", "from the request to its first audio byte", firstAudio);
        PoolHealth health = speech.health();
        gauge(out, "assistant_api_speech_streams", "one-shot speech streams open now, every transport", speech.openStreams());
        gauge(out, "assistant_api_sessions", "incremental speech sessions open now", speech.sessions().count());
        gauge(out, "assistant_api_worker_jobs", "jobs in flight on the workers (streams and sessions)", health.streams());
        gauge(out, "assistant_api_workers_up", "workers ready for jobs", health.workersUp());
        gauge(out, "assistant_api_workers_expected", "workers.count", health.workersExpected());
        gauge(out, "assistant_api_workers_crash_looping", "worker places that keep crashing", health.crashLooping());
        counter(out, "assistant_api_worker_restarts_total", "replacement workers started since the server started",
                health.restarts());
        header(out, "assistant_api_worker_queued_work_seconds", "gauge",
                "seconds of compute for the text each worker holds unspoken (a one-shot request's whole text, a "
                        + "session's per flushed segment, until the worker reports it spoken), at each voice's measured "
                        + "engine cost per character");
        for (var worker : health.workers()) {
            out.append("assistant_api_worker_queued_work_seconds{worker=\"").append(escape(worker.id())).append("\"} ")
                    .append(worker.queuedWorkSeconds()).append('\n');
        }
        synthesis(out, speech.synthesisTotals());
        playback(out, speech.playbackTotals());
        return out.toString();
    }

    /** The workers' playback clocks: slack at each delivery in mid-speech, and the stalls among them. */
    private static void playback(StringBuilder out, PlaybackTotals totals) {
        header(out, "assistant_api_playback_slack_seconds", "histogram",
                "slack the worker's scheduler saw just before each delivery after a stream's first audio: audio delivered "
                        + "minus time since the first audio (a session's clock runs only while text waits); "
                        + "below 0 the stream was late, until it caught up");
        HistogramText.write(out, "assistant_api_playback_slack_seconds", "", totals.slackSeconds());
        counter(out, "assistant_api_playback_stalls_total",
                "deliveries after a stream's first audio before which its listener, a player waiting whenever it runs dry, "
                        + "had run dry with text waiting: each one gap mid-speech (the worker fell behind, or the client "
                        + "read slower than real time)", totals.stalls());
        counter(out, "assistant_api_playback_stalled_seconds_total", "how long those gaps lasted, in all",
                totals.stalledSeconds());
        counter(out, "assistant_api_preempted_turns_total",
                "turns a worker stopped because work came for a listener due well before the one in turn (a new "
                        + "request, a session's next text): the stopped part is synthesized again later", totals.preemptedTurns());
        counter(out, "assistant_api_preempted_seconds_total", "compute those stopped turns had spent, spent again: "
                + "what preempting costs", totals.preemptedSeconds());
    }

    /** Two counters per voice whose rates divide into its real-time factor. */
    private static void synthesis(StringBuilder out, List<SynthesisTotal> totals) {
        perVoice(out, "assistant_api_synthesized_audio_seconds_total", "seconds of audio the engines made, by voice",
                totals, SynthesisTotal::audioSeconds);
        perVoice(out, "assistant_api_engine_seconds_total", "seconds the engines took to make that audio, by voice",
                totals, SynthesisTotal::engineSeconds);
    }

    private static void perVoice(StringBuilder out, String name, String help, List<SynthesisTotal> totals,
                                 ToDoubleFunction<SynthesisTotal> value) {
        header(out, name, "counter", help);
        for (SynthesisTotal total : totals) {
            out.append(name).append("{voice=\"").append(escape(total.voice())).append("\"} ")
                    .append(value.applyAsDouble(total)).append('\n');
        }
    }

    private static void histograms(StringBuilder out, String name, String help, Map<Series, Histogram> bySeries) {
        header(out, name, "histogram", help);
        Map<String, Histogram> byLabels = new TreeMap<>();
        bySeries.forEach((series, histogram) -> byLabels.put(series.labels(), histogram));
        byLabels.forEach((labels, histogram) -> HistogramText.write(out, name, labels, histogram.counts()));
    }

    private static void gauge(StringBuilder out, String name, String help, long value) {
        sample(out, name, "gauge", help, value);
    }

    private static void counter(StringBuilder out, String name, String help, Number value) {
        sample(out, name, "counter", help, value);
    }

    /** A metric of one unlabelled sample. */
    private static void sample(StringBuilder out, String name, String type, String help, Number value) {
        header(out, name, type, help);
        out.append(name).append(' ').append(value).append('\n');
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
