package org.assistantapi.api.logging;

/**
 * The one escaping of text that reaches a log from outside (a path, a voice name, a worker's
 * line), so that no value can end a line, forge another, or hide in a terminal: line breaks and
 * every other control, format (bidirectional overrides) and separator character are written as
 * {@code \xHH} or {@code \x{HHHH}}, and a backslash as {@code \\}, so the original can be read
 * back. Printable text, non-Latin scripts included, stays as it is.
 */
public final class LogText {

    /** Longest field kept, in code points; the rest is cut and marked {@code ...}. */
    static final int MAX_FIELD = 256;

    private LogText() {
    }

    /**
     * A field of a space-separated line (the access log): one token, so a space is escaped too;
     * {@code -} for null or empty, cut at {@link #MAX_FIELD} code points.
     */
    public static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return escape(value, true, MAX_FIELD);
    }

    /** A free-text message: spaces stay, anything that could break the line is escaped. */
    public static String message(String value) {
        return value == null ? "null" : escape(value, false, Integer.MAX_VALUE);
    }

    private static String escape(String value, boolean escapeSpace, int maxCodePoints) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        int count = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            if (count++ == maxCodePoints) {
                return out.append("...").toString();
            }
            int c = value.codePointAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ' ? escapeSpace : !printable(c)) {
                out.append(c < 0x100 ? String.format("\\x%02X", c) : String.format("\\x{%04X}", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean printable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> false;
            default -> true;
        };
    }
}
