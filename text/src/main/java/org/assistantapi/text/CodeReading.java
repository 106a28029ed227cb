package org.assistantapi.text;

/** What a Markdown code block becomes. Inline code is always spoken as plain words. */
public enum CodeReading {
    /** The code's words, as plain text. */
    SPEAK,
    /** A short phrase in the voice's language ("code block skipped") instead of the code. */
    SKIP
}
