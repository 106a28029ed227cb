package org.assistantapi.text;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the front-end reads markup an operator may want either way.
 *
 * @param code       what code blocks become
 * @param emoji      what emoji become
 * @param lexiconDir the directory of the pronunciation lexicon's files, or null for none
 */
public record TextSettings(CodeReading code, EmojiReading emoji, Path lexiconDir) {

    /** The defaults: code blocks skipped with a phrase, emoji dropped, no lexicon. */
    public static final TextSettings DEFAULT = new TextSettings(CodeReading.SKIP, EmojiReading.DROP, null);

    public TextSettings {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(emoji, "emoji");
    }
}
