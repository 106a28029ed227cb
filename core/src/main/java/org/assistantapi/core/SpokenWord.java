package org.assistantapi.core;

/** A word as its audio has it: its text as in the input, and where it starts and ends. */
public record SpokenWord(int segment, String text, long startMicros, long endMicros) implements Spoken {
}
