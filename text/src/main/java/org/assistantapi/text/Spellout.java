package org.assistantapi.text;

import java.util.Set;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

/**
 * Number words from ICU's rule-based spellout (CLDR's rules for each language), so no language's
 * number grammar is written here. Not thread-safe, like the ICU formatter it wraps.
 */
final class Spellout {

    /** ICU puts soft hyphens into long German compounds; they are not sounds. */
    private static final char SOFT_HYPHEN = '\u00AD';
    /** Longer digit strings are read digit by digit (beyond what anyone says as one number). */
    private static final int MAX_CARDINAL_DIGITS = 15;

    private final RuleBasedNumberFormat format;
    private final Set<String> ruleSets;
    private final String pointWord;
    private final String minusWord;

    Spellout(ULocale locale) {
        this.format = new RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT);
        this.ruleSets = Set.of(format.getRuleSetNames());
        this.pointWord = findPointWord();
        String minusFive = cardinal(-5);
        String five = cardinal(5);
        this.minusWord = minusFive.endsWith(five) ? minusFive.substring(0, minusFive.length() - five.length()).strip() : "-";
    }

    /** The language's word between the whole and the fraction of a decimal ("point", "Komma"). */
    String point() {
        return pointWord;
    }

    /** The language's word for a negative sign, from ICU's reading of -5. */
    String minus() {
        return minusWord;
    }

    /** The number as counted ("twenty-one", "einundzwanzig"). */
    String cardinal(long number) {
        return words(number, "%spellout-numbering");
    }

    /** The number in a named rule set (e.g. {@code %spellout-ordinal-n}), or counted when the language lacks it. */
    String words(long number, String ruleSet) {
        String name = ruleSets.contains(ruleSet) ? ruleSet : "%spellout-numbering";
        return clean(format.format(number, name));
    }

    boolean has(String ruleSet) {
        return ruleSets.contains(ruleSet);
    }

    /** A year as the language says years ("nineteen ninety-nine", "neunzehnhundertneunundneunzig"). */
    String year(long year) {
        return words(year, "%spellout-numbering-year");
    }

    /** Digits as written, with or without sign; long ones are read digit by digit. */
    String integer(String digits) {
        String trimmed = stripLeadingZeros(digits);
        if (trimmed.length() > MAX_CARDINAL_DIGITS) {
            return digitByDigit(digits);
        }
        return cardinal(Long.parseLong(trimmed));
    }

    /** "3" and "14" → "three point one four": the whole part, the language's point word, then each digit. */
    String decimal(String whole, String fraction) {
        return integer(whole) + " " + pointWord + " " + digitByDigit(fraction);
    }

    /** Each digit as a word, e.g. for phone numbers and decimals. */
    String digitByDigit(String digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(cardinal(Character.digit(digits.charAt(i), 10)));
        }
        return out.toString();
    }

    /** The language's word between whole and fraction, taken from ICU's own reading of 1.5. */
    private String findPointWord() {
        String oneAndHalf = clean(format.format(1.5, "%spellout-numbering"));
        String one = cardinal(1);
        String five = cardinal(5);
        if (oneAndHalf.startsWith(one) && oneAndHalf.endsWith(five) && oneAndHalf.length() > one.length() + five.length()) {
            return oneAndHalf.substring(one.length(), oneAndHalf.length() - five.length()).strip();
        }
        return ".";
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    private static String clean(String words) {
        return words.indexOf(SOFT_HYPHEN) < 0 ? words : words.replace(String.valueOf(SOFT_HYPHEN), "");
    }
}
