package org.assistantapi.api.http;

import java.util.Locale;
import java.util.Optional;

import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechService;

/**
 * Where requests are counted, whatever their transport: HTTP requests through
 * {@link AccessLogFilter}, and syntheses over other transports (Wyoming) through {@link #begin},
 * each with one access line and the same metrics, labelled with its transport.
 */
public final class SynthesisLog {

    static final String HTTP = "http";
    /** Statuses as the HTTP API would have answered: the audio was sent (or cut off, see {@link Synthesis#finish}), ... */
    public static final int COMPLETE = 200;
    /** ... the client broke the protocol, ... */
    public static final int BAD_REQUEST = 400;
    /** ... the client sent nothing for too long. */
    public static final int TIMED_OUT = 408;

    private final Metrics metrics;

    private SynthesisLog(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Access lines always; metrics (served at {@code /metrics}, gauges read from {@code speech}) if enabled. */
    public static SynthesisLog create(boolean metricsEnabled, SpeechService speech) {
        return new SynthesisLog(metricsEnabled ? new Metrics(speech) : null);
    }

    Optional<Metrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    /**
     * One synthesis starting now over {@code transport} (e.g. {@code wyoming}), asked for by
     * {@code route} (e.g. the Wyoming event {@code synthesize}).
     */
    public Synthesis begin(String transport, String route) {
        return new Synthesis(transport.toLowerCase(Locale.ROOT), route,
                new AccessEntry(AccessEntry.randomId(), transport.toUpperCase(Locale.ROOT), route, System.nanoTime()));
    }

    /** The status the HTTP API would have answered for this failure: the same in logs and metrics for every transport. */
    public static int status(SpeechException e) {
        return SpeechErrors.toHttp(e).status().code();
    }

    /** A synthesis under way: tell it what it speaks and when audio first left, then {@link #finish} it once. */
    public final class Synthesis {

        private final String transport;
        private final String route;
        private final AccessEntry entry;

        private Synthesis(String transport, String route, AccessEntry entry) {
            this.transport = transport;
            this.route = route;
            this.entry = entry;
        }

        public void speaks(String voice, String format) {
            entry.speech(voice, format);
        }

        public void firstByte() {
            entry.firstByte();
        }

        /** Writes its access line and counts it; later calls do nothing. {@code cutOff}: the audio ended early. */
        public void finish(int status, long bytes, boolean cutOff) {
            if (entry.log(status, bytes, cutOff) && metrics != null) {
                metrics.record(transport, route, status, entry.elapsedNanos(), entry.firstByteAfterNanos());
            }
        }
    }
}
