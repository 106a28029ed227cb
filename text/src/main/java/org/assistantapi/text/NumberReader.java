package org.assistantapi.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.util.ULocale;

/**
 * The reader for languages without complete rules here: numbers written with the language's own
 * separators become ICU's number words; everything else is left to espeak-ng's rules.
 */
final class NumberReader implements LanguageReader {

    private final Spellout spell;
    private final char group;
    private final char decimal;
    private final Pattern number;

    NumberReader(ULocale locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
        this.spell = new Spellout(locale);
        this.group = symbols.getGroupingSeparator();
        this.decimal = symbols.getDecimalSeparator();
        String groupPattern = Pattern.quote(String.valueOf(group));
        this.number = Pattern.compile("(?<![\\p{L}\\d" + groupPattern + Pattern.quote(String.valueOf(decimal)) + "])"
                + "(?:(?<![\\p{L}\\d-])[-−])?(?:\\d{1,3}(?:" + groupPattern + "\\d{3})+(?!\\d)|\\d+)(?:"
                + Pattern.quote(String.valueOf(decimal)) + "\\d+)?(?![\\p{L}\\d])");
    }

    @Override
    public String read(String text) {
        Matcher m = number.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        do {
            Amount amount = Amount.parse(m.group(), group, decimal);
            String words = amount.isWhole() ? spell.integer(amount.whole()) : spell.decimal(amount.whole(), amount.fraction());
            m.appendReplacement(out, Matcher.quoteReplacement(amount.negative() ? spell.minus() + " " + words : words));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }
}
