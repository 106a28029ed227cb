package org.assistantapi.api.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.api.cli.VoicesCommand.ConfigLoader;
import org.assistantapi.api.cli.VoicesCommand.Status;
import org.assistantapi.api.config.ConfigException;
import org.assistantapi.core.AudioStream;
import org.assistantapi.core.CoreSettings;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.StreamFormat;

/**
 * {@code assistant-api say TEXT [-o FILE]}: a one-shot local check that needs no running server.
 * Starts one worker of its own with the configuration's voices and tuning, speaks the text into
 * the file, and stops the worker.
 */
public final class SayCommand {

    static final String USAGE = """
            Usage: assistant-api say [--config PATH] [-o FILE] [--voice VOICE] [--format FORMAT] TEXT

              Speaks TEXT into FILE (default out.mp3) with a worker of its own: no server
              needs to be running. The format follows FILE's extension (mp3, opus or ogg,
              aac, flac, wav, pcm) unless --format names one. The voice is the configured
              default unless --voice names one (e.g. espeak:en-us, en_US-lessac-medium).
              --config     YAML configuration, for the voices, workers.jvm_options and tuning
            """;

    private static final Duration WORKER_START = Duration.ofMinutes(2);

    private final PrintStream out;
    private final PrintStream err;

    SayCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static Status run(List<String> args, ConfigLoader configs) {
        return new SayCommand(System.out, System.err).execute(args, configs);
    }

    Status execute(List<String> args, ConfigLoader configs) {
        Arguments arguments;
        Path file;
        String format;
        try {
            arguments = Arguments.parse(args, Set.of("--config", "-o", "--output", "--voice", "--format"));
            if (arguments.help()) {
                out.print(USAGE);
                return Status.OK;
            }
            if (arguments.operands().size() != 1) {
                throw new IllegalArgumentException(arguments.operands().isEmpty()
                        ? "give the text to say" : "give the text as one argument, in quotes");
            }
            file = Path.of(arguments.option("-o").or(() -> arguments.option("--output")).orElse("out.mp3"));
            format = arguments.option("--format").orElseGet(() -> formatOf(file));
        } catch (IllegalArgumentException e) {
            err.print(e.getMessage() + "\n" + USAGE);
            return Status.USAGE;
        }
        CoreSettings core;
        try {
            core = configs.load(arguments.config()).core().withSingleWorker();
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return Status.FAILED;
        }
        // Core logs worker starts and stderr lines; a command shows only what went wrong.
        Logger.getLogger("").setLevel(Level.WARNING);
        SpeechRequest request = new SpeechRequest(arguments.operands().getFirst(), null,
                arguments.option("--voice").orElse(null), null, format, 1.0, 0);
        try {
            return say(core, request, file);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Status.FAILED;
        }
    }

    private Status say(CoreSettings core, SpeechRequest request, Path file) throws InterruptedException {
        long start = System.nanoTime();
        try (SpeechService speech = SpeechService.start(core)) {
            if (!speech.awaitReady(WORKER_START)) {
                err.println("error: the worker did not start within " + WORKER_START.toSeconds() + " s");
                return Status.FAILED;
            }
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (AudioStream stream = speech.speak(request, null); OutputStream target = Files.newOutputStream(partial)) {
                StreamFormat format = stream.awaitStart();
                for (byte[] chunk = stream.read(); chunk != null; chunk = stream.read()) {
                    target.write(chunk);
                }
                target.close();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                out.printf(Locale.ROOT, "%s: %s, %d Hz, %s, in %d ms%n", file, format.format(), format.sampleRate(),
                        Progress.bytes(Files.size(file)), (System.nanoTime() - start) / 1_000_000);
                return Status.OK;
            } catch (SpeechException e) {
                err.println("error: " + e.getMessage());
                return Status.FAILED;
            } catch (IOException e) {
                err.println("error: cannot write " + file + ": " + e.getMessage());
                return Status.FAILED;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return Status.FAILED;
        }
    }

    /** The format a file name asks for: its extension, with {@code .ogg} meaning Opus. */
    static String formatOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("cannot tell the format from '" + name + "'; add an extension or --format");
        }
        String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "ogg", "oga" -> "opus";
            case "raw" -> "pcm";
            default -> extension;
        };
    }
}
