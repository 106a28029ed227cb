package org.assistantapi.text;

import java.util.Objects;

/**
 * How the front-end reads markup an operator may want either way.
 *
 * @param code  what code blocks become
 * @param emoji what emoji become
 */
public record TextSettings(CodeReading code, EmojiReading emoji) {

    /** The defaults: code blocks skipped with a phrase, emoji dropped. */
    public static final TextSettings DEFAULT = new TextSettings(CodeReading.SKIP, EmojiReading.DROP);

    public TextSettings {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(emoji, "emoji");
    }
}
