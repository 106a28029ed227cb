package org.assistantapi.core;

/** Whether the workers' text front-end reads a request's text into words before the engine. */
public enum TextNormalization {
    /** Markdown, numbers, dates, units, URLs, abbreviations and the lexicon read as a person would (the default). */
    ON,
    /** The text goes to the engine as written, for clients that prepare their own. */
    OFF
}
