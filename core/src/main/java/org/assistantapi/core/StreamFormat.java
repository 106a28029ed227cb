package org.assistantapi.core;

/** What an audio stream carries: its media type and real sample rate. */
public record StreamFormat(String format, String contentType, int sampleRate) {
}
