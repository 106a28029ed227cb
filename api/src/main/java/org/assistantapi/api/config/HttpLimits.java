package org.assistantapi.api.config;

import java.time.Duration;

/**
 * Limits on what HTTP clients may hold.
 *
 * @param maxBodyBytes     largest request body
 * @param maxStreams       one-shot speech streams at once, all clients together
 * @param maxStreamsPerKey one-shot speech streams at once per API key
 * @param idleTimeout      a connection that has not sent a whole request line for this long is closed
 *                         (slow clients, keep-alive connections left open)
 * @param readTimeout      a connection that sends nothing for this long while the server waits for
 *                         more of a request is closed
 */
public record HttpLimits(long maxBodyBytes, int maxStreams, int maxStreamsPerKey, Duration idleTimeout,
                         Duration readTimeout) {
}
