package org.assistantapi.api.wyoming;

/** The peer broke the protocol (framing, sizes, event order or fields): the connection closes. */
final class WyomingProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    WyomingProtocolException(String message) {
        super(message);
    }
}
