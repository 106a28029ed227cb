package org.assistantapi.text;

/**
 * A number as written, without grouping: its sign, whole digits and fraction digits (empty when
 * it has none). Kept as digits so that "0.50" and long numbers are read as written.
 */
record Amount(boolean negative, String whole, String fraction) {

    /** Parses "1,250.50" or "-3" with the language's group and decimal separators. */
    static Amount parse(String written, char group, char decimal) {
        boolean negative = written.startsWith("-") || written.startsWith("−");
        String unsigned = negative || written.startsWith("+") ? written.substring(1) : written;
        int point = unsigned.indexOf(decimal);
        String whole = point < 0 ? unsigned : unsigned.substring(0, point);
        String fraction = point < 0 ? "" : unsigned.substring(point + 1);
        StringBuilder digits = new StringBuilder(whole.length());
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (Character.isDigit(c)) {
                digits.append(c);
            } else if (c != group && !Character.isSpaceChar(c)) {
                throw new IllegalArgumentException("not a number: " + written);
            }
        }
        return new Amount(negative, digits.isEmpty() ? "0" : digits.toString(), fraction);
    }

    boolean isWhole() {
        return fraction.isEmpty();
    }

    /** Exactly one, written without a fraction (a noun after it is singular). */
    boolean isOne() {
        return !negative && isWhole() && significant().equals("1");
    }

    /** The whole part as a number, or -1 when it is too long for one. */
    long wholeValue() {
        String trimmed = significant();
        return trimmed.length() > 15 ? -1 : Long.parseLong(trimmed);
    }

    /** The whole digits without leading zeros ("0" stays). */
    private String significant() {
        int i = 0;
        while (i < whole.length() - 1 && whole.charAt(i) == '0') {
            i++;
        }
        return whole.substring(i);
    }
}
