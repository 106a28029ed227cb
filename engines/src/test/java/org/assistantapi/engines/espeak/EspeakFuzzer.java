package org.assistantapi.engines.espeak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Drives the real libespeak-ng with generated texts in a child JVM and reports every text that
 * killed the child: how the shapes in {@link LongWords} were found, and how the guard is checked.
 *
 * <pre>
 * ./mvnw -q -B -pl engines test-compile exec:exec@fuzz-espeak                        # guarded, 2,000 cases
 * ./mvnw -q -B -pl engines test-compile exec:exec@fuzz-espeak -Dfuzz.mode=raw -Dfuzz.cases=500 -Dfuzz.seed=7
 * </pre>
 *
 * Arguments: {@code raw|guarded [cases] [seed]}. A crashing text is printed with its voice and
 * length; the exit status is 1 when a guarded run found one.
 */
public final class EspeakFuzzer {

    /** How the child hands text to espeak-ng. */
    public enum Mode {
        /** Exactly as generated: what the library itself survives. */
        RAW,
        /** Through the engines' entry points ({@code phonemize}, {@code synthesize}), i.e. {@link LongWords}. */
        GUARDED
    }

    /** One text for one espeak-ng voice. */
    public record Case(String voice, String text) {
    }

    private static final String CHILD = "--child";
    private static final List<String> VOICES = List.of("en-us", "de", "fr", "es", "ar", "cmn", "ru", "ja");
    private static final List<String> PREFIXES = List.of("", "x.", "E.", "A.", "e.", "U.S.", "x.y", "1.", "hello x.",
            "x._", "x.0", "Dr.", "a-", "#");
    private static final List<String> UNITS = List.of("9", "0", "a", "Z", "é", "日", "😀", "#", "/", ".", "-", "'", "a.",
            "9.", "1,", "ab", "x9", "e\u0301", "ß", "ж", "ا", "_");

    private EspeakFuzzer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(Mode.valueOf(args[1]));
            return;
        }
        Mode mode = args.length > 0 ? Mode.valueOf(args[0].toUpperCase(java.util.Locale.ROOT)) : Mode.GUARDED;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        List<Case> crashes = run(mode, cases(count, seed));
        PrintStream out = System.out;
        for (Case crash : crashes) {
            out.println("CRASH " + crash.voice() + " " + crash.text().getBytes(StandardCharsets.UTF_8).length
                    + " bytes: " + crash.text());
        }
        out.println(mode + ": " + count + " cases, " + crashes.size() + " crashed the library");
        System.exit(mode == Mode.GUARDED && !crashes.isEmpty() ? 1 : 0);
    }

    /**
     * Texts of 40 to 400 bytes: a prefix, then one unit repeated or random units, sometimes with gaps
     * (a space, {@code "? "}, ...) between them and words after them; {@code count} in all.
     */
    public static List<Case> cases(int count, long seed) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        while (cases.size() < count) {
            String voice = VOICES.get(random.nextInt(VOICES.size()));
            int bytes = 40 + random.nextInt(360);
            StringBuilder text = new StringBuilder(PREFIXES.get(random.nextInt(PREFIXES.size())));
            boolean repeat = random.nextBoolean();
            String gap = random.nextBoolean() ? "" : List.of(" ", "? ", ", ", "' ").get(random.nextInt(4));
            String unit = UNITS.get(random.nextInt(UNITS.size()));
            while (text.toString().getBytes(StandardCharsets.UTF_8).length < bytes) {
                text.append(repeat ? unit : UNITS.get(random.nextInt(UNITS.size())));
                if (!gap.isEmpty() && random.nextInt(6) == 0) {
                    text.append(gap);
                }
            }
            if (random.nextInt(4) == 0) {
                text.append(" and some words after it.");
            }
            cases.add(new Case(voice, text.toString()));
        }
        return cases;
    }

    /** Runs the cases in a child JVM, starting a new one after each crash; returns the cases that crashed it. */
    public static List<Case> run(Mode mode, List<Case> cases) throws IOException, InterruptedException {
        List<Case> crashes = new ArrayList<>();
        int next = 0;
        while (next < cases.size()) {
            Process child = startChild(mode);
            try (Writer toChild = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                 BufferedReader fromChild = new BufferedReader(
                         new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (; next < cases.size(); next++) {
                    Case c = cases.get(next);
                    toChild.write(c.voice() + "\t" + Base64.getEncoder().encodeToString(
                            c.text().getBytes(StandardCharsets.UTF_8)) + "\n");
                    toChild.flush();
                    if (!"ok".equals(fromChild.readLine())) {
                        crashes.add(c);
                        next++;
                        break;
                    }
                }
            } catch (IOException e) {
                // The child died while we wrote: the case in hand crashed it.
                crashes.add(cases.get(next++));
            } finally {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
        return crashes;
    }

    private static Process startChild(Mode mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), EspeakFuzzer.class.getName(), CHILD, mode.name())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The child: one line in ("voice TAB base64 text"), espeak-ng, "ok" out; a crash ends the process. */
    private static void child(Mode mode) throws Exception {
        EspeakLibrary espeak = EspeakLibrary.instance();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            int tab = line.indexOf('\t');
            String voice = line.substring(0, tab);
            String text = new String(Base64.getDecoder().decode(line.substring(tab + 1)), StandardCharsets.UTF_8);
            switch (mode) {
                case RAW -> espeak.phonemizeUnguarded(voice, text);
                case GUARDED -> {
                    espeak.phonemize(voice, text);
                    espeak.synthesize(voice, text, 175, (samples, offset, length) -> true);
                }
            }
            System.out.println("ok");
            System.out.flush();
        }
    }
}
