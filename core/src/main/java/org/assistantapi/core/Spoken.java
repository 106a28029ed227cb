package org.assistantapi.core;

/**
 * Something spoken, placed on its stream's audio timeline: microseconds from the stream's first
 * sample (a session's timeline runs on across its segments and across a move to another worker).
 */
public sealed interface Spoken permits SpokenWord, SpokenSegment {

    /** The segment it belongs to (0 for one-shot speech; a session counts its flushes from 0). */
    int segment();

    String text();

    long startMicros();

    long endMicros();
}
