package org.assistantapi.engines.piper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.assistantapi.engines.TextWords;

/**
 * Which phonemes of a clause speak which of its words. espeak-ng's phonemes for a clause are
 * its words' phonemes separated by spaces, in order, but not always one group per word: it joins
 * some short words ("of the") and speaks some words as several ("1,000"). Equal counts pair up one
 * to one; otherwise groups of words are matched to groups of phoneme runs, one word to several
 * runs or several words to one run, choosing the grouping whose shares of letters and of phonemes
 * agree best (a small dynamic programme over the clause), and words sharing one run share its
 * phonemes by their letters.
 */
final class PhonemeWords {

    /** The most words or runs one group holds. */
    private static final int MAX_GROUP = 8;

    private PhonemeWords() {
    }

    /** A run of phonemes between spaces, without the punctuation at its ends. */
    private record Run(int start, int end) {
        int length() {
            return end - start;
        }
    }

    /**
     * The words of {@code clauseText}, each with the phonemes in {@code phonemes[from, to)} that
     * speak it; none when the clause has no words or no phonemes.
     */
    static List<WordPhonemes> align(String clauseText, CharSequence phonemes, int from, int to) {
        List<String> words = TextWords.of(clauseText);
        List<Run> runs = runs(phonemes, from, to);
        if (words.isEmpty() || runs.isEmpty()) {
            return List.of();
        }
        List<WordPhonemes> aligned = new ArrayList<>();
        if (words.size() == runs.size()) {
            for (int i = 0; i < words.size(); i++) {
                aligned.add(new WordPhonemes(words.get(i), runs.get(i).start(), runs.get(i).end()));
            }
            return aligned;
        }
        Prefix[] cameFrom = groupings(words, runs);
        Prefix end = new Prefix(words.size(), runs.size());
        if (cameFrom[end.index(runs.size())] == null) {
            return shared(words, new Run(runs.getFirst().start(), runs.getLast().end()), aligned);
        }
        List<Prefix> path = new ArrayList<>(List.of(end));
        while (path.getFirst().words() > 0 || path.getFirst().runs() > 0) {
            path.addFirst(cameFrom[path.getFirst().index(runs.size())]);
        }
        for (int g = 1; g < path.size(); g++) {
            Prefix a = path.get(g - 1);
            Prefix b = path.get(g);
            shared(words.subList(a.words(), b.words()), new Run(runs.get(a.runs()).start(), runs.get(b.runs() - 1).end()), aligned);
        }
        return aligned;
    }

    /** The first {@code words} words aligned with the first {@code runs} runs. */
    private record Prefix(int words, int runs) {
        int index(int totalRuns) {
            return words * (totalRuns + 1) + runs;
        }
    }

    /**
     * For each (words, runs) prefix reached, the prefix it came from in the cheapest grouping;
     * a group is one word and 1..{@value #MAX_GROUP} runs, or 2..{@value #MAX_GROUP} words and one run.
     */
    private static Prefix[] groupings(List<String> words, List<Run> runs) {
        double[] letters = shares(words.stream().mapToInt(w -> w.codePointCount(0, w.length())).toArray());
        double[] sounds = shares(runs.stream().mapToInt(Run::length).toArray());
        double[] cost = new double[(words.size() + 1) * (runs.size() + 1)];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        cost[0] = 0;
        Prefix[] from = new Prefix[cost.length];
        for (int i = 0; i <= words.size(); i++) {
            for (int j = 0; j <= runs.size(); j++) {
                Prefix here = new Prefix(i, j);
                if (cost[here.index(runs.size())] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int k = 1; k <= MAX_GROUP; k++) {
                    relax(cost, from, here, new Prefix(i + 1, j + k), letters, sounds);
                    if (k > 1) {
                        relax(cost, from, here, new Prefix(i + k, j + 1), letters, sounds);
                    }
                }
            }
        }
        return from;
    }

    /** Takes the group from {@code here} to {@code to} if it reaches {@code to} more cheaply than before. */
    private static void relax(double[] cost, Prefix[] from, Prefix here, Prefix to, double[] letters, double[] sounds) {
        if (to.words() >= letters.length || to.runs() >= sounds.length) {
            return;
        }
        int runs = sounds.length - 1;
        double total = cost[here.index(runs)] + Math.abs((letters[to.words()] - letters[here.words()])
                - (sounds[to.runs()] - sounds[here.runs()]));
        if (total < cost[to.index(runs)]) {
            cost[to.index(runs)] = total;
            from[to.index(runs)] = here;
        }
    }

    /** Prefix sums of the lengths as shares of their total: {@code lengths.length + 1} values from 0 to 1. */
    private static double[] shares(int[] lengths) {
        double total = Math.max(1, Arrays.stream(lengths).sum());
        double[] prefix = new double[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            prefix[i + 1] = prefix[i] + lengths[i] / total;
        }
        return prefix;
    }

    /**
     * Words sharing one span of phonemes, each its part by letters, and at least one phoneme each
     * while the span has enough.
     */
    private static List<WordPhonemes> shared(List<String> words, Run span, List<WordPhonemes> into) {
        long letters = Math.max(1, words.stream().mapToLong(w -> w.codePointCount(0, w.length())).sum());
        long before = 0;
        int start = span.start();
        for (int i = 0; i < words.size(); i++) {
            before += words.get(i).codePointCount(0, words.get(i).length());
            int wordsAfter = words.size() - 1 - i;
            int byLetters = span.start() + (int) (span.length() * before / letters);
            int end = Math.max(start, Math.min(span.end(), Math.min(span.end() - wordsAfter, Math.max(start + 1, byLetters))));
            into.add(new WordPhonemes(words.get(i), start, end));
            start = end;
        }
        return into;
    }

    /** The runs between spaces in {@code phonemes[from, to)}, trimmed of punctuation; empty runs dropped. */
    private static List<Run> runs(CharSequence phonemes, int from, int to) {
        List<Run> runs = new ArrayList<>();
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || phonemes.charAt(i) == ' ') {
                int s = start;
                int e = i;
                while (s < e && TextWords.isPunctuation(phonemes.charAt(s))) {
                    s++;
                }
                while (e > s && TextWords.isPunctuation(phonemes.charAt(e - 1))) {
                    e--;
                }
                if (s < e) {
                    runs.add(new Run(s, e));
                }
                start = i + 1;
            }
        }
        return runs;
    }
}
