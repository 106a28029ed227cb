package org.assistantapi.dist.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * When each piece of one stream's audio arrived, and what a player that starts at the first byte
 * and plays in real time makes of it: it waits whenever the next audio has not arrived by the
 * time it has played everything before it.
 */
final class PlaybackTrace {

    private final long startNanos;
    private final double bytesPerSecond;
    private final List<long[]> arrivals = new ArrayList<>(); // {nanos, cumulative bytes}
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

    /** The longest single wait of the player mid-speech, in seconds. */
    double worstWaitSeconds() {
        if (arrivals.isEmpty()) {
            return 0;
        }
        double playStart = arrivals.getFirst()[0] / 1e9;
        double stalled = 0;
        double worst = 0;
        long playedUpTo = arrivals.getFirst()[1];
        for (long[] arrival : arrivals.subList(1, arrivals.size())) {
            double due = playStart + playedUpTo / bytesPerSecond + stalled; // when the player needs this audio
            double came = arrival[0] / 1e9;
            if (came > due) {
                stalled += came - due;
                worst = Math.max(worst, came - due);
            }
            playedUpTo = arrival[1];
        }
        return worst;
    }
}
