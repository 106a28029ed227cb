package org.assistantapi.api.config;

/** The configuration cannot be used; the message names the key at fault. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
