package org.assistantapi.engines.piper;

import java.util.List;

/**
 * One sentence's phonemes, one code point each; the offsets where its clauses end (after their
 * punctuation and space), where a long sentence may be cut into pieces; and its words, in order,
 * with the phonemes that speak each.
 */
record PhonemeSentence(String phonemes, List<Integer> clauseEnds, List<WordPhonemes> words) {

    PhonemeSentence {
        clauseEnds = List.copyOf(clauseEnds);
        words = List.copyOf(words);
    }
}
