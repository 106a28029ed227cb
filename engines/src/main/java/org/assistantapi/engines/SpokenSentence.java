package org.assistantapi.engines;

/**
 * One sentence as a voice would speak it: its text and the phonemes the engine speaks it with
 * (espeak-ng's IPA; for Piper voices the phonemes its model is fed).
 */
public record SpokenSentence(String text, String phonemes) {
}
