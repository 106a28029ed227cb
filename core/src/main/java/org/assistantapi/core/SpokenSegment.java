package org.assistantapi.core;

/** A session's flushed text, once all of its audio has been read: where its audio starts and ends. */
public record SpokenSegment(int segment, String text, long startMicros, long endMicros) implements Spoken {
}
