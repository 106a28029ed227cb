package org.assistantapi.engines.piper;

import java.util.List;

/**
 * One sentence's phonemes, one code point each, and the offsets where its clauses end (after
 * their punctuation and space), where a long sentence may be cut into pieces.
 */
record PhonemeSentence(String phonemes, List<Integer> clauseEnds) {

    PhonemeSentence {
        clauseEnds = List.copyOf(clauseEnds);
    }
}
