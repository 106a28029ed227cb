package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When each piece of one stream's audio arrived, and what a player that starts at the first byte
 * and plays in real time makes of it: it waits whenever the next audio has not arrived by the
 * time it has played everything before it. For a session, it also knows when each segment's text
 * was flushed and where its audio ends, so a wait for text the LLM had not written yet is told
 * apart from a wait for the server.
 */
final class PlaybackTrace {

    /**
     * The player's longest waits mid-speech, in seconds: any, and counting only the time since the
     * text it waits for was sent (the server's part; for a one-shot text, sent at the start).
     */
    record Waits(double worst, double worstForServer) {
    }

    /** Seconds: see {@link #textSentAt}. */
    private static final double SEGMENT_END_SLOP = 0.02;

    private final long startNanos;
    private final double bytesPerSecond;
    private final List<long[]> arrivals = new ArrayList<>(); // {nanos, cumulative bytes}
    private final List<Long> flushes = new CopyOnWriteArrayList<>(); // nanos, by segment
    private final Map<Integer, Double> segmentEnds = new ConcurrentHashMap<>(); // seconds of audio
    private long bytes;
    private String error;

    /** @param bytesPerSecond bytes of audio per second of playback (16-bit mono: twice the rate) */
    PlaybackTrace(long startNanos, double bytesPerSecond) {
        this.startNanos = startNanos;
        this.bytesPerSecond = bytesPerSecond;
    }

    /**
     * Reads the response's body to its end as it comes, noting when each piece arrives; a refusal
     * or a body cut off is the trace's {@link #error()}.
     */
    PlaybackTrace read(HttpResponse<InputStream> response) {
        if (response.statusCode() != 200) {
            failed("HTTP " + response.statusCode());
            return this;
        }
        byte[] buffer = new byte[16 * 1024];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (n > 0) {
                    arrived(System.nanoTime(), n);
                }
            }
        } catch (IOException e) {
            failed("cut off: " + e.getMessage());
        }
        return this;
    }

    void arrived(long nanos, int count) {
        bytes += count;
        arrivals.add(new long[] {nanos, bytes});
    }

    /** A session's next segment was flushed now. */
    void flushed(long nanos) {
        flushes.add(nanos);
    }

    /** A session's segment (numbered by flush) ends here on its audio timeline (its speech.segment event). */
    void segmentEnded(int segment, double endSeconds) {
        segmentEnds.put(segment, endSeconds);
    }

    void failed(String why) {
        error = why;
    }

    String error() {
        return error;
    }

    boolean hasAudio() {
        return !arrivals.isEmpty();
    }

    long firstByteNanos() {
        return arrivals.getFirst()[0] - startNanos;
    }

    double audioSeconds() {
        return bytes / bytesPerSecond;
    }

    long endNanos() {
        return arrivals.isEmpty() ? startNanos : arrivals.getLast()[0];
    }

    /** The player's longest single waits mid-speech. */
    Waits waits() {
        if (arrivals.isEmpty()) {
            return new Waits(0, 0);
        }
        double playStart = arrivals.getFirst()[0] / 1e9;
        double stalled = 0;
        double worst = 0;
        double worstForServer = 0;
        long playedUpTo = arrivals.getFirst()[1];
        for (long[] arrival : arrivals.subList(1, arrivals.size())) {
            double due = playStart + playedUpTo / bytesPerSecond + stalled; // when the player needs this audio
            double came = arrival[0] / 1e9;
            if (came > due) {
                stalled += came - due;
                worst = Math.max(worst, came - due);
                worstForServer = Math.max(worstForServer, came - Math.max(due, textSentAt(playedUpTo / bytesPerSecond)));
            }
            playedUpTo = arrival[1];
        }
        return new Waits(worst, worstForServer);
    }

    /**
     * When the text of the audio at this point of the stream was sent, in seconds: its segment's
     * flush. A segment's last few milliseconds may come with the next segment's audio (the
     * encoder's chunks), so a segment that ends within {@link #SEGMENT_END_SLOP} counts as heard.
     */
    private double textSentAt(double audioSeconds) {
        for (int segment = 0; segment < flushes.size(); segment++) {
            Double end = segmentEnds.get(segment);
            if (end == null || end > audioSeconds + SEGMENT_END_SLOP) {
                return flushes.get(segment) / 1e9;
            }
        }
        return flushes.isEmpty() ? startNanos / 1e9 : flushes.getLast() / 1e9;
    }
}
