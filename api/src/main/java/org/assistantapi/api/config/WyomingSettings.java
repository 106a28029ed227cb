package org.assistantapi.api.config;

import java.time.Duration;

/**
 * The Wyoming listener, for Home Assistant and its satellites.
 *
 * @param enabled     whether the server listens for Wyoming at all
 * @param host        the address to listen on
 * @param port        the TCP port (0 picks a free one)
 * @param readTimeout longest wait for a client's next event (in a streaming synthesis, its next
 *                    piece of text); then an {@code error} event and the connection closes
 */
public record WyomingSettings(boolean enabled, String host, int port, Duration readTimeout) {
}
