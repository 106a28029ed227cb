package org.assistantapi.text;

/** What emoji become. */
public enum EmojiReading {
    /** Left out (with skin tones, joiners and variation selectors). */
    DROP,
    /** Left in for espeak-ng, which names them in the voice's language from its own emoji lists. */
    SPEAK
}
