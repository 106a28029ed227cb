package org.assistantapi.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.ibm.icu.util.ULocale;

/**
 * What a language with complete rules says for each kind of written token: number forms, dates,
 * times, money, units, fractions and the words for URL punctuation. The shapes of the tokens are
 * found by {@link Verbalizer}; the words come from here, the number words from ICU.
 */
abstract class Language {

    final Spellout spell;
    private final Map<String, Unit> units = new HashMap<>();
    private final Map<String, Currency> currencies = new HashMap<>();
    private final Abbreviations abbreviations;

    /** @param spelling rewrites unit words to the variant's spelling (en-GB "kilometres") */
    Language(ULocale locale, String tables, UnaryOperator<String> spelling) {
        this.spell = new Spellout(locale);
        this.abbreviations = new Abbreviations(tables);
        boolean gendered = tables.equals("de");
        for (List<String> row : Tables.rows("units-" + tables + ".tsv", gendered ? 4 : 3)) {
            units.put(row.get(0), new Unit(spelling.apply(row.get(1)), spelling.apply(row.get(2)),
                    gendered ? Gender.of(row.get(3)) : Gender.NEUTER));
        }
        for (List<String> row : Tables.rows("currencies-" + tables + ".tsv", gendered ? 6 : 5)) {
            Currency currency = new Currency(row.get(1), row.get(2), row.get(3), row.get(4),
                    gendered ? Gender.of(row.get(5)) : Gender.NEUTER);
            for (String symbol : row.get(0).split(",")) {
                currencies.put(symbol, currency);
            }
        }
    }

    Map<String, Unit> units() {
        return units;
    }

    Map<String, Currency> currencies() {
        return currencies;
    }

    Abbreviations abbreviations() {
        return abbreviations;
    }

    abstract char groupSeparator();

    abstract char decimalSeparator();

    /** The twelve month names, January first. */
    abstract List<String> months();

    /** A number on its own: "minus three point five". */
    String number(Amount amount) {
        String words = amount.isWhole() ? spell.integer(amount.whole()) : spell.decimal(amount.whole(), amount.fraction());
        return amount.negative() ? minus() + " " + words : words;
    }

    /** A number before a noun of this gender (German "ein Kilometer", "eine Stunde"). */
    String number(Amount amount, Gender gender) {
        return number(amount);
    }

    String minus() {
        return spell.minus();
    }

    abstract String ordinal(long number, String previousWord);

    /** Whether a number with a full stop after this word is an ordinal (German "am 3."). */
    boolean isOrdinalContext(String previousWord) {
        return false;
    }

    /** "1990s" → "nineteen nineties". */
    abstract String decade(long year);

    abstract boolean isYearContext(String previousWord);

    /**
     * Whether a four-digit number (1000 to 2099) with no year word before it is a year, by what
     * follows it.
     *
     * @param clauseEnds punctuation or the end of the text follows it
     */
    abstract boolean isYearBefore(long value, String nextWord, boolean clauseEnds);

    /** The word between the parts of a version number ("one point two point three"). */
    String versionPoint() {
        return spell.point();
    }

    /** @param year 0 when the date has none */
    abstract String date(int year, int month, int day, String previousWord);

    abstract String time(int hour, int minute, int second, Meridiem meridiem);

    /** @param whole -1 when there is no whole part */
    abstract String fraction(long whole, long numerator, long denominator);

    /** @param scale a word like "million" that the amount is counted in, or null */
    abstract String money(Currency currency, Amount amount, String scale);

    /** The spoken form of "million", "k", "Mio." after an amount, or null when it is none. */
    abstract String scale(String written, boolean plural);

    abstract String rangeWord();

    abstract String percentSign();

    /** Words for URL and address punctuation: dot, slash, at, dash, underscore, plus, colon. */
    abstract String symbolWord(char symbol);

    /** What stands for a skipped code block. */
    abstract String codeSkipped();

    /** Ordinal suffix on digits, e.g. English "21st"; null where the language has none. */
    abstract String ordinalSuffixPattern();

    /** Words for "&", "~" (about) and "#" (number) in running text. */
    abstract String and();

    abstract String about();

    abstract String numberSign();

    static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
