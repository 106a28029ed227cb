package org.assistantapi.workers.protocol;

/** An output format a worker can encode, e.g. {@code mp3} as {@code audio/mpeg}. */
public record FormatDescriptor(String id, String contentType) {
}
