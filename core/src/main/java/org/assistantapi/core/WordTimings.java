package org.assistantapi.core;

/** Whether a stream reports the words it speaks beside its audio. */
public enum WordTimings {
    /** Audio only: the worker sends no word frames (the default, which costs nothing). */
    EXCLUDED,
    /** Each spoken word's text and place on the audio timeline, in audio order. */
    INCLUDED
}
