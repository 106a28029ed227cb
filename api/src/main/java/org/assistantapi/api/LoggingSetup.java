package org.assistantapi.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * java.util.logging (what Helidon uses) to a rotating file in the configured directory, falling
 * back to /var/log/assistant-api, and to stderr (journald) when neither is writable.
 */
final class LoggingSetup {

    private static final Path FALLBACK_DIR = Path.of("/var/log/assistant-api");
    private static final int FILE_LIMIT_BYTES = 10 * 1024 * 1024;
    private static final int FILE_COUNT = 5;

    private LoggingSetup() {
    }

    static void configure(Path dir, Level level) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        Handler handler = fileHandler(dir);
        if (handler == null && !dir.equals(FALLBACK_DIR)) {
            handler = fileHandler(FALLBACK_DIR);
        }
        boolean toFile = handler != null;
        if (!toFile) {
            handler = new ConsoleHandler();
        }
        handler.setFormatter(new SimpleFormatter());
        handler.setLevel(level);
        root.addHandler(handler);
        if (!toFile) {
            root.warning("neither " + dir + " nor " + FALLBACK_DIR + " is writable; logging to stderr");
        }
    }

    private static Handler fileHandler(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                return null;
            }
            return new FileHandler(dir.resolve("assistant-api.%g.log").toString(), FILE_LIMIT_BYTES, FILE_COUNT, true);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
