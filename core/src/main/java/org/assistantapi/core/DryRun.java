package org.assistantapi.core;

import java.util.List;

/**
 * What a voice would say for a text, without saying it: the text as the workers' front-end reads
 * it, sentence by sentence as the engine splits it, with the phonemes each is spoken with.
 *
 * @param voice         the voice that would speak it
 * @param language      that voice's language
 * @param normalization whether the text front-end read the text first
 */
public record DryRun(String voice, String language, TextNormalization normalization, List<Sentence> sentences) {

    public DryRun {
        sentences = List.copyOf(sentences);
    }

    /** One sentence: its words and its phonemes. */
    public record Sentence(String text, String phonemes) {
    }
}
