package org.assistantapi.api.config;

import java.nio.file.Path;
import java.util.logging.Level;

/**
 * Where and how much the server logs.
 *
 * @param dir       directory of the log files
 * @param level     the root logger's level
 * @param maxFileMb size at which a log file is rotated
 * @param files     how many rotated files of each log are kept
 */
public record LoggingSettings(Path dir, Level level, int maxFileMb, int files) {
}
