package org.assistantapi.dist.load;

/**
 * One request's outcome.
 *
 * @param status    the HTTP status, or 0 if none came
 * @param ttfbNanos from sending the request to the first byte of audio, or -1 if none came
 * @param bytes     audio bytes received
 * @param hungUp    the client closed the connection on purpose after the first bytes
 * @param error     null for a complete response or an intended hang-up; otherwise what went wrong
 */
record CallResult(int status, long ttfbNanos, long bytes, boolean hungUp, String error) {

    static CallResult failed(int status, long ttfbNanos, long bytes, String error) {
        return new CallResult(status, ttfbNanos, bytes, false, error);
    }

    /** This result, or a failure if a response that ended cleanly is not the text's whole audio. */
    CallResult checkedAgainst(Text text) {
        if (!complete() || text.isWholeAudio(bytes)) {
            return this;
        }
        return failed(status, ttfbNanos, bytes, "incomplete audio for " + text.name() + " (" + bytes
                + " bytes, expected about " + text.referenceBytes() + ")");
    }

    boolean complete() {
        return error == null && !hungUp;
    }

    boolean hasFirstByte() {
        return ttfbNanos >= 0;
    }
}
