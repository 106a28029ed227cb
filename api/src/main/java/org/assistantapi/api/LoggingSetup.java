package org.assistantapi.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;

import org.assistantapi.api.config.LoggingSettings;
import org.assistantapi.api.http.AccessLogFilter;
import org.assistantapi.api.logging.LogText;

/**
 * java.util.logging (what Helidon uses) to size-rotated files in the configured directory,
 * falling back to /var/log/assistant-api, and to stderr (journald) when neither is writable.
 * The access log goes to its own {@code access.N.log} beside the server log; on stderr its lines
 * carry the access logger's name.
 */
final class LoggingSetup {

    private static final Path FALLBACK_DIR = Path.of("/var/log/assistant-api");
    // Held here: java.util.logging keeps loggers only weakly, and a collected one loses its handler.
    private static final Logger ACCESS = Logger.getLogger(AccessLogFilter.LOGGER);

    private LoggingSetup() {
    }

    static void configure(LoggingSettings settings) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(settings.level());
        // Requests are logged whatever the server log's level.
        ACCESS.setLevel(Level.INFO);
        List<String> failures = new ArrayList<>();
        for (Path dir : Stream.of(settings.dir(), FALLBACK_DIR).distinct().toList()) {
            try {
                toFiles(dir, settings);
                return;
            } catch (IOException | SecurityException e) {
                failures.add(dir + " (" + e.getMessage() + ")");
            }
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.ALL);
        console.setFormatter(new OneLineFormatter());
        root.addHandler(console);
        root.warning("cannot write log files in " + String.join(" or ", failures) + "; logging to stderr");
    }

    /** Both logs in {@code dir}, or neither. */
    private static void toFiles(Path dir, LoggingSettings settings) throws IOException {
        Files.createDirectories(dir);
        Handler server = rotating(dir, "assistant-api", settings, new OneLineFormatter());
        try {
            ACCESS.addHandler(rotating(dir, "access", settings, new AccessFormatter()));
            ACCESS.setUseParentHandlers(false);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        Logger.getLogger("").addHandler(server);
    }

    private static Handler rotating(Path dir, String name, LoggingSettings settings, Formatter formatter) throws IOException {
        FileHandler handler = new FileHandler(dir.resolve(name + ".%g.log").toString(),
                settings.maxFileMb() * 1024 * 1024, settings.files(), true);
        handler.setLevel(Level.ALL);
        handler.setFormatter(formatter);
        return handler;
    }

    /**
     * The server log's format, with the message escaped ({@link LogText#message}): a worker's line
     * or an exception's message may carry a client's text. A stack trace still follows on its own
     * lines, each indented, so that no message inside it can pass for a record of its own.
     */
    private static final class OneLineFormatter extends SimpleFormatter {

        @Override
        public String formatMessage(LogRecord record) {
            return LogText.message(super.formatMessage(record));
        }

        @Override
        public String format(LogRecord record) {
            String text = super.format(record);
            String body = text.substring(0, text.length() - System.lineSeparator().length());
            return body.replace("\r", "\\x0D").replace("\n", "\n\t") + System.lineSeparator();
        }
    }

    /** A timestamp and the line: the access log's fields are already escaped in the message. */
    private static final class AccessFormatter extends Formatter {

        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord record) {
            return TIME.format(record.getInstant()) + " " + record.getMessage() + System.lineSeparator();
        }
    }
}
