package org.assistantapi.core;

import java.time.Duration;

/**
 * Limits on incremental speech sessions.
 *
 * @param maxSessions     sessions open at once
 * @param maxPendingChars unspoken text a session may hold (appended but not yet spoken)
 * @param idleTimeout     a session with no append and no reader for this long ends, and one whose reader took
 *                        nothing for this long while audio waited
 * @param maxPerOwner     sessions open at once with the same owner (a transport's caller identity)
 */
public record SessionSettings(int maxSessions, int maxPendingChars, Duration idleTimeout, int maxPerOwner) {

    public SessionSettings {
        if (maxSessions < 1 || maxPerOwner < 1 || maxPendingChars < 1 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("session limits must be positive");
        }
    }
}
