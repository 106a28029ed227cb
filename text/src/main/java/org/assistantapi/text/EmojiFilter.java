package org.assistantapi.text;

/**
 * Drops emoji: pictographs, their skin-tone modifiers, zero-width joiners, variation selectors,
 * keycap marks, flag letters and tag characters. ©, ® and ™ are pictographic too but are words
 * people read ("copyright"), so they stay.
 */
final class EmojiFilter {

    private EmojiFilter() {
    }

    static String drop(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (isEmojiPart(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isEmojiPart(int cp) {
        if (cp == 0xA9 || cp == 0xAE || cp == 0x2122) {
            return false;
        }
        return Character.isExtendedPictographic(cp)
                || Character.isEmojiModifier(cp)
                || cp == 0x200D || cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3
                || (cp >= 0x1F1E6 && cp <= 0x1F1FF)
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }
}
