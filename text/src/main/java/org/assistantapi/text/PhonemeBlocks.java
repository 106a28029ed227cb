package org.assistantapi.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps {@code [[ ]]} raw-phoneme blocks out of every rewrite: each is swapped for one
 * private-use character before normalization and put back afterwards, untouched.
 */
final class PhonemeBlocks {

    private static final Pattern BLOCK = Pattern.compile("\\[\\[.*?]]", Pattern.DOTALL);
    /** The first of the placeholders; a text may hold up to 6,400 blocks (the rest stay in place). */
    private static final char FIRST = '\uE000';
    private static final int MAX = 0x1900;

    private final List<String> blocks = new ArrayList<>();

    /** The text with each block replaced by its placeholder. */
    String hide(String text) {
        if (text.indexOf("[[") < 0) {
            return text;
        }
        Matcher matcher = BLOCK.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            if (blocks.size() == MAX) {
                break;
            }
            matcher.appendReplacement(out, "");
            out.append(' ').append((char) (FIRST + blocks.size())).append(' ');
            blocks.add(matcher.group());
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The text with every placeholder replaced by its block again. */
    String restore(String text) {
        if (blocks.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int index = c - FIRST;
            out.append(index >= 0 && index < blocks.size() ? blocks.get(index) : String.valueOf(c));
        }
        return out.toString();
    }

    /** Whether a character is a placeholder (so rules leave it alone). */
    static boolean isPlaceholder(char c) {
        return c >= FIRST && c < FIRST + MAX;
    }
}
