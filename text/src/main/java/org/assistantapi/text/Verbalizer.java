package org.assistantapi.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds written tokens (URLs, addresses, dates, times, phone numbers, money, versions, ranges,
 * fractions, ordinals, numbers with units, abbreviations) at the start of each word and writes
 * them as words, in the first form that fits, in the order of the rule lists. Everything else is
 * copied as written, for the engine's own rules.
 */
final class Verbalizer implements LanguageReader {

    /** One kind of token: the end of what it read from {@code at}, or -1 when it does not fit there. */
    private interface Rule {
        int apply(Pass pass, int at);
    }

    private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)[^\\s<>\"'\\[\\]{}|\\\\^`]+");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.[a-zA-Z]{2,}(?![\\w-])");
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
            + "\\.(?:com|org|net|io|dev|app|ai|edu|gov|de|uk|eu|info|me|tv|at|ch|fr|nl|us|ca|au|biz|xyz|gg|ly)"
            + "(?![\\w-]|\\.[a-z0-9])(?:/[^\\s<>\"']*)?");
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?![\\d-])");
    private static final Pattern PHONE = Pattern.compile(
            "(?:\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,5}\\)?){2,6}"
            + "|\\(\\d{2,5}\\)\\s?\\d{3,4}[-. ]?\\d{3,4}"
            + "|(?:1[-. ])?\\d{3}[-.]\\d{3}[-.]\\d{4}"
            + "|0\\d{2,4}[ /-]\\d{3,8}(?:[ -]\\d{2,6})?"
            + "|(\\d{3})-(\\d{4}))(?![\\d]|[.,]\\d)");
    private static final Pattern DECADE = Pattern.compile("'?(\\d{2}|1\\d{3}|20\\d{2})(s|er)(?![\\p{L}\\d])");
    private static final Pattern FRACTION = Pattern.compile("(?:(\\d{1,3})\\s)?(\\d{1,3})[/⁄](\\d{1,3})(?![\\d/⁄])");
    private static final Pattern VULGAR_FRACTION = Pattern.compile("(\\d?)([¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])");
    private static final java.util.Set<String> VERSION_WORDS = java.util.Set.of("version", "v", "release", "update", "firmware");
    private static final Pattern SYMBOL = Pattern.compile("(&)(?=\\s)|([~≈#])(?=\\d)");

    private final Language language;
    private final String number;
    private final List<Rule> letterRules;
    private final List<Rule> digitRules;
    private final List<Rule> otherRules;
    private final Pattern signedNumber;
    private final Pattern range;
    private final Pattern numericDate;
    private final Pattern dayFirstDate;
    private final Pattern monthFirstDate;
    private final Pattern time;
    private final Pattern hourOnly;
    private final Pattern moneyBefore;
    private final Pattern moneyAfter;
    private final Pattern unitAfter;
    private final Pattern version;
    private final Pattern ordinal;
    private final Map<String, Unit> units;

    Verbalizer(Language language) {
        this.language = language;
        String group = Pattern.quote(String.valueOf(language.groupSeparator()));
        String decimal = Pattern.quote(String.valueOf(language.decimalSeparator()));
        this.number = "(?:\\d{1,3}(?:" + group + "\\d{3})+(?!\\d)|\\d+)(?:" + decimal + "\\d+)?";
        this.signedNumber = Pattern.compile("([-−+]?)(" + number + ")");
        this.range = Pattern.compile("(" + number + ")(?:-|\\s?[–—]\\s?)(" + number + ")");
        String months = alternatives(language.months()) + "|" + alternatives(language.months().stream()
                .filter(m -> m.length() > 4).map(m -> m.substring(0, m.equals("September") ? 4 : 3) + "\\.?").toList(), false);
        this.numericDate = Pattern.compile("(\\d{1,2})([/.])(\\d{1,2})\\2(\\d{4}|\\d{2})?(?![\\d/]|\\.\\d)");
        String ordinalSuffix = language.ordinalSuffixPattern();
        this.dayFirstDate = Pattern.compile("(\\d{1,2})" + (ordinalSuffix == null ? "\\." : ordinalSuffix + "?")
                + "\\s*(?:of\\s+)?(" + months + ")(?:,?\\s+(\\d{4}))?(?![\\p{L}\\d])");
        this.monthFirstDate = ordinalSuffix == null ? null : Pattern.compile(
                "(" + months + ")\\s+(\\d{1,2})" + ordinalSuffix + "?(?:,?\\s+(\\d{4}))?(?![\\p{L}\\d])");
        this.time = Pattern.compile("(\\d{1,2})([:.])(\\d{2})(?::(\\d{2}))?(?:\\s*([aApP])\\.?\\s?[mM](\\.)?(?![\\p{L}\\d]))?(\\s*Uhr)?(?!\\d)");
        this.hourOnly = Pattern.compile("(\\d{1,2})\\s*([aApP])\\.?[mM](\\.)?(?![\\p{L}\\d])");
        String currencies = longestFirst(language.currencies().keySet());
        // Currency words ("euros", "Euro") follow an amount; only symbols and codes also lead one.
        String leadingCurrencies = longestFirst(language.currencies().keySet().stream()
                .filter(symbol -> symbol.chars().noneMatch(Character::isLowerCase)).toList());
        String scales = "thousand|million|billion|trillion|mn|bn|tn|Tsd\\.|Mio\\.?|Mrd\\.?|Millionen|Million|Milliarden|Milliarde|Tausend|[kKmMbBT]";
        this.moneyBefore = Pattern.compile("([-−]?)(" + leadingCurrencies + ")\\s?(" + number + ")(?:\\s?(" + scales + ")(?![\\p{L}\\d]))?");
        this.moneyAfter = Pattern.compile("\\s?(?:(" + scales + ")\\s?)?(" + currencies + ")(?![\\p{L}\\d])");
        this.units = language.units();
        this.unitAfter = Pattern.compile("\\s?(" + longestFirst(units.keySet()) + ")(?![\\p{L}\\d])");
        this.version = Pattern.compile("([vV])?(\\d+(?:\\.\\d+)+)(?![\\d]|\\.\\d)");
        this.ordinal = ordinalSuffix == null ? Pattern.compile("(\\d{1,4})\\.(?=\\s+\\p{L})")
                : Pattern.compile("(\\d+)" + ordinalSuffix + "(?![\\p{L}\\d])");
        // The rules in order, grouped by the character a token of theirs can start with: trying
        // only those keeps the cost per word low (a regex attempt costs about a microsecond).
        this.letterRules = List.of(this::url, this::email, this::domain, this::monthFirstDate, this::moneyBefore,
                this::version, this::abbreviation);
        this.digitRules = List.of(this::email, this::domain, this::isoDate, this::numericDate, this::dayFirstDate,
                this::time, this::hourOnly, this::phone, this::moneyBefore, this::version, this::range, this::fraction,
                this::ordinal, this::decade, this::number);
        this.otherRules = List.of(this::phone, this::moneyBefore, this::decade, this::number, this::symbol);
    }

    private List<Rule> rulesAt(String text, int at) {
        char c = text.charAt(at);
        if (Character.isDigit(c)) {
            return digitRules;
        }
        if (Character.isLetter(c)) {
            return letterRules;
        }
        return Character.isWhitespace(c) || PhonemeBlocks.isPlaceholder(c) ? List.of() : otherRules;
    }

    @Override
    public String read(String text) {
        Pass pass = new Pass(vulgarFractions(text));
        String in = pass.text;
        int i = 0;
        next:
        while (i < in.length()) {
            if (i == 0 || !Character.isLetterOrDigit(in.charAt(i - 1))) {
                for (Rule rule : rulesAt(in, i)) {
                    int end = rule.apply(pass, i);
                    if (end > i) {
                        i = end;
                        continue next;
                    }
                }
            }
            pass.out.append(in.charAt(i));
            i++;
        }
        return pass.out.toString();
    }

    /** "2½" → "2 1⁄2", "¾" → "3⁄4" (Unicode's own decomposition of the fraction). */
    private static String vulgarFractions(String text) {
        if (!VULGAR_FRACTION.matcher(text).find()) {
            return text;
        }
        return VULGAR_FRACTION.matcher(text).replaceAll(match -> Matcher.quoteReplacement(
                (match.group(1).isEmpty() ? "" : match.group(1) + " ")
                        + java.text.Normalizer.normalize(match.group(2), java.text.Normalizer.Form.NFKD)));
    }

    // --- addresses

    private int url(Pass pass, int at) {
        if ("hHwW".indexOf(pass.text.charAt(at)) < 0) {
            return -1;
        }
        Matcher m = pass.match(URL, at);
        if (m == null) {
            return -1;
        }
        int end = trimTrailing(pass.text, m.start(), m.end());
        pass.word(address(pass.text.substring(at, end).replaceFirst("(?i)^https?://", "")));
        return end;
    }

    private int email(Pass pass, int at) {
        if (pass.tokenLacks(at, '@')) {
            return -1;
        }
        Matcher m = pass.match(EMAIL, at);
        return m == null ? -1 : pass.word(address(m.group()), m.end());
    }

    private int domain(Pass pass, int at) {
        if (pass.tokenLacks(at, '.')) {
            return -1;
        }
        Matcher m = pass.match(DOMAIN, at);
        if (m == null) {
            return -1;
        }
        int end = trimTrailing(pass.text, m.start(), m.end());
        return pass.word(address(pass.text.substring(at, end)), end);
    }

    /** An address as people read it: "www dot example dot com slash docs", no query or fragment. */
    private String address(String address) {
        StringBuilder out = new StringBuilder();
        String rest = address;
        if (rest.regionMatches(true, 0, "www.", 0, 4)) {
            out.append("w w w ").append(language.symbolWord('.')).append(' ');
            rest = rest.substring(4);
        }
        int cut = indexOfAny(rest, "?#");
        rest = cut < 0 ? rest : rest.substring(0, cut);
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
            } else {
                out.append(' ').append(language.symbolWord(c)).append(' ');
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Sentence punctuation and an unmatched closing bracket after an address are not part of it. */
    private static int trimTrailing(String text, int start, int end) {
        while (end > start) {
            char last = text.charAt(end - 1);
            if (".,;:!?'\"".indexOf(last) >= 0
                    || (last == ')' && count(text, start, end, '(') < count(text, start, end, ')'))) {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    private static int count(String text, int start, int end, char c) {
        int n = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    // --- dates and times

    private int isoDate(Pass pass, int at) {
        Matcher m = pass.match(ISO_DATE, at);
        if (m == null) {
            return -1;
        }
        return date(pass, at, m.end(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    private int numericDate(Pass pass, int at) {
        Matcher m = pass.match(numericDate, at);
        if (m == null) {
            return -1;
        }
        boolean slash = m.group(2).equals("/");
        if (m.group(4) == null && (slash || language.ordinalSuffixPattern() != null)) {
            return -1; // "3/4" is a fraction; "3.4." a German date only
        }
        int first = Integer.parseInt(m.group(1));
        int second = Integer.parseInt(m.group(3));
        boolean monthFirst = slash && language instanceof English english && english.monthFirst();
        int year = m.group(4) == null ? 0 : fullYear(m.group(4));
        int end = m.group(4) == null ? m.end() : m.end(4);
        if ((monthFirst ? first : second) > 12 && year != 0) {
            monthFirst = !monthFirst; // "12/25/2023" in a day-first locale was written month first
        }
        return date(pass, at, end, year, monthFirst ? first : second, monthFirst ? second : first);
    }

    private static int fullYear(String digits) {
        int year = Integer.parseInt(digits);
        return digits.length() == 2 ? (year < 50 ? 2000 + year : 1900 + year) : year;
    }

    private int dayFirstDate(Pass pass, int at) {
        Matcher m = pass.match(dayFirstDate, at);
        if (m == null) {
            return -1;
        }
        int year = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int day = Integer.parseInt(m.group(1));
        if (m.group().contains(" of ") && language instanceof English && day <= 31) {
            // "the 4th of July" is said as written, in the US too
            String words = language.ordinal(day, "") + " of " + language.months().get(month(m.group(2)) - 1);
            return pass.word(year == 0 ? words : words + " " + language.spell.year(year), m.end());
        }
        return date(pass, at, m.end(), year, month(m.group(2)), day);
    }

    private int monthFirstDate(Pass pass, int at) {
        if (monthFirstDate == null || !Character.isUpperCase(pass.text.charAt(at))) {
            return -1;
        }
        Matcher m = pass.match(monthFirstDate, at);
        if (m == null) {
            return -1;
        }
        int year = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int day = Integer.parseInt(m.group(2));
        if (day < 1 || day > 31) {
            return -1;
        }
        String monthName = language.months().get(month(m.group(1)) - 1);
        String dayWords = language.ordinal(day, "");
        String words = language instanceof English english && !english.monthFirst()
                ? "the " + dayWords + " of " + monthName : monthName + " " + dayWords;
        return pass.word(year == 0 ? words : words + (words.startsWith("the") ? " " : ", ") + language.spell.year(year), m.end());
    }

    private int month(String written) {
        String prefix = written.replace(".", "");
        List<String> months = language.months();
        for (int i = 0; i < months.size(); i++) {
            if (months.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no month " + written);
    }

    private int date(Pass pass, int at, int end, int year, int month, int day) {
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return -1;
        }
        return pass.word(language.date(year, month, day, pass.previousWord(at)), end);
    }

    private int time(Pass pass, int at) {
        Matcher m = pass.match(time, at);
        if (m == null) {
            return -1;
        }
        boolean uhr = m.group(7) != null;
        Meridiem meridiem = meridiem(m.group(5));
        if (m.group(2).equals(".") && !uhr) {
            return -1; // "14.30" is a number unless it says "Uhr"
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(3));
        int second = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        if (hour > 24 || minute > 59 || second > 59 || (meridiem != Meridiem.NONE && (hour < 1 || hour > 12))) {
            return -1;
        }
        pass.word(language.time(hour, minute, second, meridiem));
        return rangeDash(pass, pass.keepSentenceEnd(m.group(6) != null, m.end()));
    }

    private int hourOnly(Pass pass, int at) {
        Matcher m = pass.match(hourOnly, at);
        if (m == null) {
            return -1;
        }
        int hour = Integer.parseInt(m.group(1));
        if (hour < 1 || hour > 12) {
            return -1;
        }
        pass.word(language.time(hour, 0, 0, meridiem(m.group(2))));
        return rangeDash(pass, pass.keepSentenceEnd(m.group(3) != null, m.end()));
    }

    /** "9am-5pm", "14:00–16:00": a dash right after a time and before a digit says "to"; the next time follows. */
    private int rangeDash(Pass pass, int end) {
        if (end + 1 < pass.text.length() && "-–".indexOf(pass.text.charAt(end)) >= 0
                && Character.isDigit(pass.text.charAt(end + 1))) {
            pass.word(" " + language.rangeWord() + " ");
            return end + 1;
        }
        return end;
    }

    private static Meridiem meridiem(String letter) {
        if (letter == null) {
            return Meridiem.NONE;
        }
        return Character.toLowerCase(letter.charAt(0)) == 'a' ? Meridiem.AM : Meridiem.PM;
    }

    // --- numbers

    private int phone(Pass pass, int at) {
        Matcher m = pass.match(PHONE, at);
        if (m == null) {
            return -1;
        }
        if (m.group(1) != null && looksLikeRange(m.group(1), m.group(2))) {
            return -1;
        }
        StringBuilder words = new StringBuilder();
        String written = m.group();
        if (written.startsWith("+")) {
            words.append(language.symbolWord('+')).append(' ');
        }
        for (String group : written.split("\\D+")) {
            if (!group.isEmpty()) {
                words.append(language.spell.digitByDigit(group)).append(", ");
            }
        }
        words.setLength(words.length() - 2);
        return pass.word(words.toString(), m.end());
    }

    /** "100-1000" is a range; "555-0134" and "555-1234" are phone numbers. */
    private static boolean looksLikeRange(String first, String second) {
        return !second.startsWith("0") && first.endsWith("0") && second.endsWith("0");
    }

    private int moneyBefore(Pass pass, int at) {
        Matcher m = pass.match(moneyBefore, at);
        if (m == null) {
            return -1;
        }
        Amount amount = amount((m.group(1).isEmpty() ? "" : "-") + m.group(3));
        String scale = m.group(4) == null ? null : language.scale(m.group(4), !amount.isOne());
        if (m.group(4) != null && scale == null) {
            return -1;
        }
        pass.word(language.money(language.currencies().get(m.group(2)), amount, scale));
        return pass.keepSentenceEnd(m.group(4) != null && m.group(4).endsWith("."), m.end());
    }

    private int version(Pass pass, int at) {
        Matcher m = pass.match(version, at);
        if (m == null) {
            return -1;
        }
        String[] parts = m.group(2).split("\\.");
        boolean named = m.group(1) != null || VERSION_WORDS.contains(pass.previousWord(at).toLowerCase(java.util.Locale.ROOT));
        if (!named && parts.length < 3) {
            return -1;
        }
        if (!named && language.groupSeparator() == '.' && allGroupsOfThree(parts)) {
            return -1; // German "1.250.000"
        }
        StringBuilder words = new StringBuilder();
        if (m.group(1) != null) {
            words.append("version ");
        }
        String point = language.versionPoint();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                words.append(' ').append(point).append(' ');
            }
            words.append(language.spell.integer(parts[i]));
        }
        return pass.word(words.toString(), m.end());
    }

    private static boolean allGroupsOfThree(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].length() != 3) {
                return false;
            }
        }
        return parts[0].length() <= 3;
    }

    private int range(Pass pass, int at) {
        Matcher m = pass.match(range, at);
        if (m == null) {
            return -1;
        }
        Amount from = amount(m.group(1));
        Amount to = amount(m.group(2));
        String fromWords;
        String toWords;
        if (isYear(from) && isYear(to) && from.wholeValue() < to.wholeValue()) {
            fromWords = language.spell.year(from.wholeValue());
            toWords = language.spell.year(to.wholeValue());
        } else {
            fromWords = language.number(from);
            toWords = language.number(to);
        }
        pass.word(fromWords + " " + language.rangeWord() + " ");
        return suffixed(pass, to, toWords, m.end());
    }

    private static boolean isYear(Amount amount) {
        return amount.isWhole() && amount.whole().length() == 4 && amount.wholeValue() >= 1000 && amount.wholeValue() < 2100;
    }

    private int fraction(Pass pass, int at) {
        Matcher m = pass.match(FRACTION, at);
        if (m == null) {
            return -1;
        }
        long numerator = Long.parseLong(m.group(2));
        long denominator = Long.parseLong(m.group(3));
        if (m.group(1) == null && numerator == 24 && denominator == 7) {
            return pass.word(language.spell.cardinal(24) + " " + language.spell.cardinal(7), m.end());
        }
        if (denominator < 2 || numerator == 0) {
            return -1;
        }
        long whole = m.group(1) == null ? -1 : Long.parseLong(m.group(1));
        return suffixed(pass, numerator == 1 && whole < 0 ? new Amount(false, "1", "") : new Amount(false, "2", ""),
                language.fraction(whole, numerator, denominator), m.end());
    }

    private int ordinal(Pass pass, int at) {
        Matcher m = pass.match(ordinal, at);
        if (m == null || m.group(1).length() > 15) {
            return -1;
        }
        String previous = pass.previousWord(at);
        if (language.ordinalSuffixPattern() == null && !language.isOrdinalContext(previous)) {
            return -1; // German "3." is an ordinal only after an article or preposition
        }
        return pass.word(language.ordinal(Long.parseLong(m.group(1)), previous), m.end());
    }

    private int decade(Pass pass, int at) {
        Matcher m = pass.match(DECADE, at);
        if (m == null || !m.group(2).equals(language.ordinalSuffixPattern() == null ? "er" : "s")) {
            return -1;
        }
        long year = Long.parseLong(m.group(1));
        if (year % 10 != 0) {
            return -1;
        }
        return pass.word(language.decade(year), m.end());
    }

    private int number(Pass pass, int at) {
        Matcher m = pass.match(signedNumber, at);
        if (m == null) {
            return -1;
        }
        Amount amount = amount(m.group(1) + m.group(2));
        if (m.group(1).equals("+")) {
            pass.word(language.symbolWord('+') + " ");
        }
        if (m.group().length() == 4 && isYear(amount) && yearHere(pass, at, amount, m.end())) {
            return pass.word(language.spell.year(amount.wholeValue()), m.end());
        }
        return suffixed(pass, amount, null, m.end());
    }

    /** A four-digit number is a year after "in", "since", ... or where the language says so by what follows. */
    private boolean yearHere(Pass pass, int at, Amount amount, int end) {
        if (language.isYearContext(pass.previousWord(at)) || pass.previousSymbol(at) == '©') {
            return true;
        }
        return language.isYearBefore(amount.wholeValue(), pass.nextWord(end), pass.atEnd(end)
                || ".,;:!?)".indexOf(pass.text.charAt(end)) >= 0);
    }

    /**
     * Writes a number with what follows it: a currency ("49,95 €"), a unit ("5 km/h", "21°C",
     * "50 %"), or nothing.
     *
     * @param words the number's words, or null to say the amount as a number
     */
    private int suffixed(Pass pass, Amount amount, String words, int end) {
        Matcher money = pass.match(moneyAfter, end);
        if (money != null && words == null) {
            String scale = money.group(1) == null ? null : language.scale(money.group(1), !amount.isOne());
            if (money.group(1) == null || scale != null) {
                return pass.word(language.money(language.currencies().get(money.group(2)), amount, scale), money.end());
            }
        }
        Matcher unit = pass.match(unitAfter, end);
        if (unit != null) {
            Unit u = units.get(unit.group(1));
            String count = words != null ? words : language.number(amount, u.gender());
            pass.word(count + " " + (amount.isOne() ? u.singular() : u.plural()));
            return pass.keepSentenceEnd(unit.group(1).endsWith("."), unit.end());
        }
        if (words != null) {
            return pass.word(words, end);
        }
        if (amount.isOne() && language instanceof German && nextIsCapitalized(pass.text, end) && pass.previousSymbol(end - 1) != '#') {
            return pass.word("ein", end); // "1 Hund": a noun follows
        }
        return pass.word(language.number(amount), end);
    }

    private static boolean nextIsCapitalized(String text, int end) {
        return end + 1 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1));
    }

    private Amount amount(String written) {
        return Amount.parse(written, language.groupSeparator(), language.decimalSeparator());
    }

    // --- words

    private int abbreviation(Pass pass, int at) {
        if (pass.tokenLacks(at, '.') && !language.abbreviations().isDotless(pass.nextWord(at))) {
            return -1;
        }
        Matcher m = pass.match(language.abbreviations().pattern(), at);
        if (m == null) {
            return -1;
        }
        String previous = pass.previousWord(at);
        String next = pass.nextWord(m.end());
        boolean nameBefore = !previous.isEmpty() && Character.isUpperCase(previous.charAt(0)) && !pass.sentenceStartBefore(at);
        boolean nameAfter = !next.isEmpty() && Character.isUpperCase(next.charAt(0));
        boolean numberAfter = !next.isEmpty() && Character.isDigit(next.charAt(0));
        String words = language.abbreviations().expand(m.group(), nameBefore, nameAfter, numberAfter);
        if (words == null) {
            return -1;
        }
        pass.word(words);
        boolean endsSentence = m.group().endsWith(".") && (next.isEmpty() ? pass.atEnd(m.end()) : nameAfter && !words.equals(
                language.abbreviations().expand(m.group(), false, true, false)));
        return pass.keepSentenceEnd(endsSentence || (m.group().endsWith(".") && pass.atEnd(m.end())), m.end());
    }

    private int symbol(Pass pass, int at) {
        Matcher m = pass.match(SYMBOL, at);
        if (m == null) {
            return -1;
        }
        String words = switch (m.group().charAt(0)) {
            case '&' -> language.and();
            case '~', '≈' -> language.about();
            default -> language.numberSign();
        };
        return pass.word(words + " ", m.end());
    }

    // --- helpers

    private static String alternatives(List<String> words) {
        return alternatives(words, true);
    }

    private static String alternatives(List<String> words, boolean quote) {
        return String.join("|", words.stream().map(w -> quote ? Pattern.quote(w) : w).toList());
    }

    private static String longestFirst(java.util.Collection<String> symbols) {
        List<String> sorted = new ArrayList<>(symbols);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return alternatives(sorted);
    }

    /** One run over one text: its input, the words written so far, and a matcher per pattern. */
    private static final class Pass {
        final String text;
        final StringBuilder out;
        private final Map<Pattern, Matcher> matchers = new java.util.HashMap<>();

        Pass(String text) {
            this.text = text;
            this.out = new StringBuilder(text.length() + text.length() / 2);
        }

        /** The pattern's match starting exactly at {@code at}, or null. */
        Matcher match(Pattern pattern, int at) {
            Matcher m = matchers.computeIfAbsent(pattern, p -> p.matcher(text).useTransparentBounds(true).useAnchoringBounds(false));
            m.region(at, text.length());
            return m.lookingAt() ? m : null;
        }

        void word(String words) {
            out.append(words);
        }

        int word(String words, int end) {
            out.append(words);
            return end;
        }

        /** A token that swallowed a full stop that also ended the sentence gives it back. */
        int keepSentenceEnd(boolean tookStop, int end) {
            if (tookStop && (atEnd(end) || nextStartsSentence(end))) {
                out.append('.');
            }
            return end;
        }

        boolean atEnd(int end) {
            for (int i = end; i < text.length(); i++) {
                if (!Character.isWhitespace(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean nextStartsSentence(int end) {
            String next = nextWord(end);
            return end < text.length() && Character.isWhitespace(text.charAt(end))
                    && !next.isEmpty() && Character.isUpperCase(next.charAt(0));
        }

        /** The word before {@code at} (letters only), or "" at the start or after punctuation. */
        String previousWord(int at) {
            int end = skipSpacesBack(at);
            return text.substring(previousWordStart(end), end);
        }

        /** Whether the token at {@code at} (up to the next space) lacks the character. */
        boolean tokenLacks(int at, char c) {
            for (int i = at; i < text.length() && !Character.isWhitespace(text.charAt(i)); i++) {
                if (text.charAt(i) == c) {
                    return false;
                }
            }
            return true;
        }

        /** The last character before {@code at} that is not a space, or a space at the start. */
        char previousSymbol(int at) {
            int end = skipSpacesBack(at);
            return end == 0 ? ' ' : text.charAt(end - 1);
        }

        /** Whether the text before the word before {@code at} ends a sentence, so a capital there proves no name. */
        boolean sentenceStartBefore(int at) {
            int before = skipSpacesBack(previousWordStart(skipSpacesBack(at)));
            return before == 0 || ".!?:".indexOf(text.charAt(before - 1)) >= 0;
        }

        private int skipSpacesBack(int at) {
            int end = at;
            while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            return end;
        }

        private int previousWordStart(int end) {
            int start = end;
            while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
                start--;
            }
            return start;
        }

        /** The word or number after {@code end} past spaces, or "". */
        String nextWord(int end) {
            int start = end;
            while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            int stop = start;
            while (stop < text.length() && Character.isLetterOrDigit(text.charAt(stop))) {
                stop++;
            }
            return text.substring(start, stop);
        }
    }
}
