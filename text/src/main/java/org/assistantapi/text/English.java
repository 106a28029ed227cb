package org.assistantapi.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.ibm.icu.util.ULocale;

/**
 * English as read in the US ("May sixth", month/day/year) or elsewhere (en-GB and other
 * variants: "the sixth of May", day/month/year, "kilometres").
 */
final class English extends Language {

    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December");
    private static final Set<String> YEAR_CONTEXT = Set.of("in", "since", "from", "by", "until", "till", "of",
            "year", "around", "circa", "before", "after", "during", "early", "late", "mid", "between", "to",
            "and", "through", "summer", "winter", "spring", "autumn", "fall", "copyright", "©");

    private final boolean us;

    English(boolean us) {
        super(us ? ULocale.US : ULocale.UK, "en", us ? words -> words : English::british);
        this.us = us;
    }

    private static String british(String words) {
        return words.replace("meter", "metre").replace("liter", "litre");
    }

    /** Whether dates are month first (US) rather than day first. */
    boolean monthFirst() {
        return us;
    }

    @Override
    char groupSeparator() {
        return ',';
    }

    @Override
    char decimalSeparator() {
        return '.';
    }

    @Override
    List<String> months() {
        return MONTHS;
    }

    @Override
    String ordinal(long number, String previousWord) {
        return spell.words(number, "%spellout-ordinal");
    }

    @Override
    String decade(long year) {
        String words = year % 100 == 0 && year >= 1000 ? spell.cardinal(year) : year < 100 ? spell.cardinal(year) : spell.year(year);
        return plural(words);
    }

    @Override
    boolean isYearContext(String previousWord) {
        return YEAR_CONTEXT.contains(previousWord.toLowerCase(Locale.ROOT));
    }

    /** "It was 1999." is a year; "1999 people" is not. */
    @Override
    boolean isYearBefore(long value, String nextWord, boolean clauseEnds) {
        return value >= 1900 && clauseEnds;
    }

    @Override
    String date(int year, int month, int day, String previousWord) {
        String monthName = MONTHS.get(month - 1);
        String ordinal = ordinal(day, previousWord);
        String date = us ? monthName + " " + ordinal
                : (previousWord.equalsIgnoreCase("the") ? "" : "the ") + ordinal + " of " + monthName;
        return year == 0 ? date : date + (us ? ", " : " ") + spell.year(year);
    }

    @Override
    String time(int hour, int minute, int second, Meridiem meridiem) {
        StringBuilder out = new StringBuilder(spell.cardinal(hour));
        if (minute == 0) {
            if (meridiem == Meridiem.NONE) {
                out.append(hour > 12 || hour == 0 ? " hundred" : " o'clock");
            }
        } else if (minute < 10) {
            out.append(" oh ").append(spell.cardinal(minute));
        } else {
            out.append(' ').append(spell.cardinal(minute));
        }
        if (second > 0) {
            out.append(" and ").append(spell.cardinal(second)).append(second == 1 ? " second" : " seconds");
        }
        switch (meridiem) {
            case AM -> out.append(" A M");
            case PM -> out.append(" P M");
            case NONE -> {
            }
        }
        return out.toString();
    }

    @Override
    String fraction(long whole, long numerator, long denominator) {
        String part;
        if (whole >= 0 && numerator == 1) {
            part = switch ((int) Math.min(denominator, 5)) {
                case 2 -> "a half";
                case 4 -> "a quarter";
                default -> "a " + denominator(denominator, false);
            };
        } else {
            part = spell.cardinal(numerator) + " " + denominator(denominator, numerator != 1);
        }
        return whole < 0 ? part.replaceFirst("^a ", "one ") : spell.cardinal(whole) + " and " + part;
    }

    private String denominator(long denominator, boolean plural) {
        String word = switch ((int) Math.min(denominator, 5)) {
            case 2 -> plural ? "halves" : "half";
            case 4 -> "quarter";
            default -> spell.words(denominator, "%spellout-ordinal");
        };
        return plural && denominator != 2 ? word + "s" : word;
    }

    @Override
    String money(Currency currency, Amount amount, String scale) {
        String sign = amount.negative() ? minus() + " " : "";
        Amount unsigned = new Amount(false, amount.whole(), amount.fraction());
        if (scale != null) {
            return sign + number(unsigned) + " " + scale + " " + currency.units();
        }
        if (amount.fraction().length() > 2) {
            return sign + number(unsigned) + " " + currency.units();
        }
        long cents = amount.fraction().isEmpty() ? 0 : Long.parseLong((amount.fraction() + "0").substring(0, 2));
        String units = spell.integer(amount.whole()) + " " + (amount.wholeValue() == 1 ? currency.unit() : currency.units());
        if (cents == 0) {
            return sign + units;
        }
        String hundredths = spell.cardinal(cents) + " " + (cents == 1 ? currency.cent() : currency.cents());
        return sign + (amount.wholeValue() == 0 ? hundredths : units + " and " + hundredths);
    }

    @Override
    String scale(String written, boolean plural) {
        return switch (written) {
            case "thousand", "k", "K" -> "thousand";
            case "million", "m", "M", "mn" -> "million";
            case "billion", "b", "bn", "B" -> "billion";
            case "trillion", "tn", "T" -> "trillion";
            default -> null;
        };
    }

    @Override
    String rangeWord() {
        return "to";
    }

    @Override
    String percentSign() {
        return "percent";
    }

    @Override
    String symbolWord(char symbol) {
        return switch (symbol) {
            case '.' -> "dot";
            case '/' -> "slash";
            case '@' -> "at";
            case '-' -> "dash";
            case '_' -> "underscore";
            case '+' -> "plus";
            case ':' -> "colon";
            case '~' -> "tilde";
            default -> String.valueOf(symbol);
        };
    }

    @Override
    String codeSkipped() {
        return "Code block skipped.";
    }

    @Override
    String ordinalSuffixPattern() {
        return "(?:st|nd|rd|th)";
    }

    @Override
    String and() {
        return "and";
    }

    @Override
    String about() {
        return "about";
    }

    @Override
    String numberSign() {
        return "number";
    }

    /** "ninety" → "nineties", "six" → "sixes", "ten" → "tens". */
    static String plural(String words) {
        if (words.endsWith("y")) {
            return words.substring(0, words.length() - 1) + "ies";
        }
        if (words.endsWith("x")) {
            return words + "es";
        }
        return words + "s";
    }
}
