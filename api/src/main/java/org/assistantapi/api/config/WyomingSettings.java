package org.assistantapi.api.config;

/**
 * The Wyoming listener, for Home Assistant and its satellites.
 *
 * @param enabled whether the server listens for Wyoming at all
 * @param host    the address to listen on
 * @param port    the TCP port (0 picks a free one)
 */
public record WyomingSettings(boolean enabled, String host, int port) {
}
