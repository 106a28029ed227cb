package org.assistantapi.dist.load;

/**
 * A text the clients ask for, and how many bytes of 24 kHz 16-bit PCM it came to when spoken alone
 * at the start of the run. espeak-ng's output for the same text is not the same every time: it
 * varies by ~0.1 % between identical requests, and by more (short.txt ~1 %, +10 to +20 ms) after the
 * worker has spoken other texts or while it interleaves several (espeak-ng keeps process-wide
 * state). So a response counts as the whole audio when its length is within 2 % + 50 ms of the
 * reference; a response cut off by the server fails earlier, at the HTTP level (no final chunk).
 */
record Text(String name, String input, long referenceBytes) {

    static final int SAMPLE_RATE = 24_000;
    private static final long SLACK_BYTES = SAMPLE_RATE * 2 / 20;

    Text withReference(long bytes) {
        return new Text(name, input, bytes);
    }

    boolean isWholeAudio(long bytes) {
        return bytes % 2 == 0 && Math.abs(bytes - referenceBytes) <= referenceBytes / 50 + SLACK_BYTES;
    }

    static double audioSeconds(long pcmBytes) {
        return pcmBytes / 2.0 / SAMPLE_RATE;
    }
}
