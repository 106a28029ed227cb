package org.assistantapi.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's pronunciation lexicon: per language, words or phrases and what to say instead,
 * a respelling or raw phonemes in {@code [[ ]]}. Files {@code <language>.txt} in one directory,
 * one {@code written = said} entry per line; for a voice in {@code en-us}, {@code en.txt} applies
 * and then {@code en-us.txt}, whose entries win. An entry in lower case matches any case; one with
 * capitals matches exactly. Whole words only.
 *
 * <p>Files are checked for changes at most once a second when text is read, and re-read when one
 * was added, changed or removed: no restart. A bad line is logged with its file and line number
 * and skipped; the others apply.
 */
final class Lexicon {

    private static final Logger LOG = Logger.getLogger(Lexicon.class.getName());
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;
    private static final String WORD_EDGE = "[\\p{L}\\p{N}]";
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** What one language's files hold, and the state of those files when read. */
    private record Entries(List<FileState> files, Pattern pattern, Map<String, String> exact, Map<String, String> anyCase) {
    }

    private record FileState(Path path, long modified, long size) {
    }

    private final Path dir;
    private final Map<String, Entries> byLanguage = new HashMap<>();
    private final Map<String, Long> checkedAt = new HashMap<>();

    Lexicon(Path dir) {
        this.dir = dir;
    }

    /** The text with every entry of the language's files replaced by what it says. */
    String apply(String text, String language) {
        Entries entries = entries(language);
        if (entries.pattern() == null) {
            return text;
        }
        Matcher m = entries.pattern().matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        do {
            String written = SPACES.matcher(m.group()).replaceAll(" ");
            String said = entries.exact().get(written);
            if (said == null) {
                said = entries.anyCase().get(written.toLowerCase(Locale.ROOT));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(said));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private Entries entries(String language) {
        long now = System.nanoTime();
        Entries current = byLanguage.get(language);
        Long checked = checkedAt.get(language);
        if (current != null && checked != null && now - checked < CHECK_INTERVAL_NANOS) {
            return current;
        }
        checkedAt.put(language, now);
        List<FileState> files = files(language);
        if (current == null || !current.files().equals(files)) {
            current = read(files);
            byLanguage.put(language, current);
        }
        return current;
    }

    /** The files that apply to a language, general first: {@code en.txt}, {@code en-us.txt}. */
    private List<FileState> files(String language) {
        List<String> names = new ArrayList<>();
        int dash = language.indexOf('-');
        if (dash > 0) {
            names.add(language.substring(0, dash) + ".txt");
        }
        names.add(language + ".txt");
        List<FileState> files = new ArrayList<>();
        for (String name : names) {
            Path path = dir.resolve(name);
            try {
                if (Files.isRegularFile(path)) {
                    files.add(new FileState(path, Files.getLastModifiedTime(path).toMillis(), Files.size(path)));
                }
            } catch (IOException e) {
                LOG.warning("lexicon " + path + ": " + e.getMessage());
            }
        }
        return files;
    }

    private static Entries read(List<FileState> files) {
        Map<String, String> exact = new LinkedHashMap<>();
        Map<String, String> anyCase = new LinkedHashMap<>();
        for (FileState file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file.path(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.warning("lexicon " + file.path() + ": " + e.getMessage());
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String problem = problem(line);
                if (problem != null) {
                    LOG.warning("lexicon " + file.path() + ":" + (i + 1) + ": " + problem + ", skipped: " + line);
                    continue;
                }
                int equals = line.indexOf('=');
                String written = SPACES.matcher(line.substring(0, equals).strip()).replaceAll(" ");
                String said = line.substring(equals + 1).strip();
                if (written.equals(written.toLowerCase(Locale.ROOT))) {
                    anyCase.put(written, said);
                } else {
                    exact.put(written, said);
                }
            }
            LOG.info("lexicon " + file.path() + " read");
        }
        return new Entries(files, pattern(exact, anyCase), exact, anyCase);
    }

    /** What is wrong with an entry line, or null. */
    private static String problem(String line) {
        int equals = line.indexOf('=');
        if (equals < 0) {
            return "no '=' between the written form and what to say";
        }
        String written = line.substring(0, equals).strip();
        String said = line.substring(equals + 1).strip();
        if (written.isEmpty()) {
            return "nothing before '='";
        }
        if (said.isEmpty()) {
            return "nothing after '='";
        }
        if (written.contains("[[") || written.contains("]]")) {
            return "the written form may not hold [[ ]]";
        }
        int open = said.indexOf("[[");
        if ((open >= 0 || said.contains("]]")) && (open < 0 || said.indexOf("]]", open) < 0)) {
            return "unbalanced [[ ]]";
        }
        return null;
    }

    private static Pattern pattern(Map<String, String> exact, Map<String, String> anyCase) {
        if (exact.isEmpty() && anyCase.isEmpty()) {
            return null;
        }
        List<String> alternatives = new ArrayList<>();
        exact.keySet().forEach(w -> alternatives.add(phrase(w)));
        anyCase.keySet().forEach(w -> alternatives.add("(?iu:" + phrase(w) + ")"));
        alternatives.sort(Comparator.comparingInt(String::length).reversed());
        return Pattern.compile("(?<!" + WORD_EDGE + ")(?:" + String.join("|", alternatives) + ")(?!" + WORD_EDGE + ")");
    }

    /** A phrase's words, any run of spaces between them. */
    private static String phrase(String written) {
        return Pattern.quote(written).replace(" ", "\\E\\s+\\Q");
    }
}
