package org.assistantapi.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.ibm.icu.util.ULocale;

/**
 * German: ordinals inflected after their article or preposition ("am dritten Mai", "der dritte
 * Mai", "dritter Mai"), "ein"/"eine" before a noun of that gender, "vierzehn Uhr dreißig".
 */
final class German extends Language {

    private static final List<String> MONTHS = List.of("Januar", "Februar", "März", "April", "Mai", "Juni",
            "Juli", "August", "September", "Oktober", "November", "Dezember");
    /** After these the ordinal ends in -en (dative, accusative masculine): "am dritten". */
    private static final Set<String> ORDINAL_N = Set.of("am", "vom", "zum", "im", "beim", "dem", "den", "des",
            "jedem", "jeden", "diesem", "diesen", "seit", "ab", "bis");
    /** After these it ends in -e: "der dritte". */
    private static final Set<String> ORDINAL_E = Set.of("der", "die", "das", "dieser", "diese", "dieses", "jeder", "jede");
    private static final Set<String> YEAR_CONTEXT = Set.of("im", "jahr", "jahre", "jahres", "seit", "von", "bis", "ab",
            "um", "vor", "nach", "anno", "anfang", "ende", "mitte", "zwischen", "und", "sommer", "winter", "frühjahr",
            "herbst", "copyright", "©");

    German() {
        super(ULocale.GERMANY, "de", words -> words);
    }

    @Override
    char groupSeparator() {
        return '.';
    }

    @Override
    char decimalSeparator() {
        return ',';
    }

    @Override
    List<String> months() {
        return MONTHS;
    }

    @Override
    String number(Amount amount, Gender gender) {
        if (!amount.isOne()) {
            return number(amount);
        }
        return gender == Gender.FEMININE ? "eine" : "ein";
    }

    @Override
    String ordinal(long number, String previousWord) {
        String word = previousWord.toLowerCase(Locale.ROOT);
        String ruleSet = ORDINAL_N.contains(word) ? "%spellout-ordinal-n"
                : ORDINAL_E.contains(word) ? "%spellout-ordinal" : "%spellout-ordinal-r";
        return spell.words(number, ruleSet);
    }

    @Override
    boolean isOrdinalContext(String previousWord) {
        String word = previousWord.toLowerCase(Locale.ROOT);
        return ORDINAL_N.contains(word) || ORDINAL_E.contains(word);
    }

    @Override
    String decade(long year) {
        return (year < 100 ? spell.cardinal(year) : spell.year(year)) + "er";
    }

    @Override
    boolean isYearContext(String previousWord) {
        return YEAR_CONTEXT.contains(previousWord.toLowerCase(Locale.ROOT));
    }

    /**
     * German capitalizes nouns, so "1500 Leute" counts people while "1989 fiel die Mauer" and
     * "1887 gebaut" are years: a lowercase word or the clause's end follows a year.
     */
    @Override
    boolean isYearBefore(long value, String nextWord, boolean clauseEnds) {
        return value >= 1100 && value < 2100
                && (clauseEnds || (!nextWord.isEmpty() && Character.isLowerCase(nextWord.charAt(0))));
    }

    @Override
    String versionPoint() {
        return "Punkt";
    }

    @Override
    String date(int year, int month, int day, String previousWord) {
        String date = ordinal(day, previousWord) + " " + MONTHS.get(month - 1);
        return year == 0 ? date : date + " " + spell.year(year);
    }

    @Override
    String time(int hour, int minute, int second, Meridiem meridiem) {
        int hour24 = switch (meridiem) {
            case AM -> hour == 12 ? 0 : hour;
            case PM -> hour < 12 ? hour + 12 : hour;
            case NONE -> hour;
        };
        StringBuilder out = new StringBuilder(hour24 == 1 ? "ein" : spell.cardinal(hour24)).append(" Uhr");
        if (minute > 0) {
            out.append(' ').append(spell.cardinal(minute));
        }
        if (second > 0) {
            out.append(" und ").append(second == 1 ? "eine" : spell.cardinal(second))
                    .append(second == 1 ? " Sekunde" : " Sekunden");
        }
        return out.toString();
    }

    @Override
    String fraction(long whole, long numerator, long denominator) {
        if (denominator == 2 && numerator == 1) {
            return whole < 0 ? "ein halb" : (whole == 1 ? "ein" : spell.cardinal(whole)) + "einhalb";
        }
        String part = (numerator == 1 ? "ein" : spell.cardinal(numerator)) + " " + denominator(denominator);
        return whole < 0 ? part : spell.cardinal(whole) + " und " + part;
    }

    /** "Drittel", "Viertel", "Zwanzigstel", "Halbe": the ordinal's stem and -el. */
    private String denominator(long denominator) {
        if (denominator == 2) {
            return "Halbe";
        }
        String ordinal = spell.words(denominator, "%spellout-ordinal");
        return capitalize(ordinal.substring(0, ordinal.length() - 1) + "el");
    }

    @Override
    String money(Currency currency, Amount amount, String scale) {
        String sign = amount.negative() ? minus() + " " : "";
        Amount unsigned = new Amount(false, amount.whole(), amount.fraction());
        if (scale != null) {
            String count = unsigned.isOne() ? "eine" : number(unsigned);
            return sign + count + " " + scale + " " + currency.units();
        }
        if (amount.fraction().length() > 2) {
            return sign + number(unsigned) + " " + currency.units();
        }
        long cents = amount.fraction().isEmpty() ? 0 : Long.parseLong((amount.fraction() + "0").substring(0, 2));
        String units = number(unsigned.isWhole() ? unsigned : new Amount(false, amount.whole(), ""), currency.gender())
                + " " + (unsigned.isOne() ? currency.unit() : currency.units());
        if (cents == 0) {
            return sign + units;
        }
        String hundredths = (cents == 1 ? "ein" : spell.cardinal(cents)) + " " + (cents == 1 ? currency.cent() : currency.cents());
        return sign + (amount.wholeValue() == 0 ? hundredths : units + " und " + hundredths);
    }

    @Override
    String scale(String written, boolean plural) {
        return switch (written) {
            case "Tsd.", "Tausend", "tausend" -> "tausend";
            case "Mio.", "Mio", "Million", "Millionen" -> plural ? "Millionen" : "Million";
            case "Mrd.", "Mrd", "Milliarde", "Milliarden" -> plural ? "Milliarden" : "Milliarde";
            default -> null;
        };
    }

    @Override
    String rangeWord() {
        return "bis";
    }

    @Override
    String percentSign() {
        return "Prozent";
    }

    @Override
    String symbolWord(char symbol) {
        return switch (symbol) {
            case '.' -> "Punkt";
            case '/' -> "Schrägstrich";
            case '@' -> "ät";
            case '-' -> "Bindestrich";
            case '_' -> "Unterstrich";
            case '+' -> "plus";
            case ':' -> "Doppelpunkt";
            case '~' -> "Tilde";
            default -> String.valueOf(symbol);
        };
    }

    @Override
    String codeSkipped() {
        return "Codeblock ausgelassen.";
    }

    @Override
    String ordinalSuffixPattern() {
        return null;
    }

    @Override
    String and() {
        return "und";
    }

    @Override
    String about() {
        return "etwa";
    }

    @Override
    String numberSign() {
        return "Nummer";
    }
}
