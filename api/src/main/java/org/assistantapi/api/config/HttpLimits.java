package org.assistantapi.api.config;

import java.time.Duration;

/**
 * Limits on what HTTP clients may hold.
 *
 * @param maxBodyBytes     largest request body
 * @param idleTimeout      a connection that has not sent a whole request line for this long is closed
 *                         (slow clients, keep-alive connections left open)
 * @param readTimeout      a connection that sends nothing for this long while the server waits for
 *                         more of a request is closed
 */
public record HttpLimits(long maxBodyBytes, Duration idleTimeout,
                         Duration readTimeout) {
}
