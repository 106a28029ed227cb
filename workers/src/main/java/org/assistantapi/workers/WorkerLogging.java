package org.assistantapi.workers;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per record on stderr; core reads these lines and logs them under the worker's id. */
final class WorkerLogging {

    private WorkerLogging() {
    }

    static void toStderr() {
        LogManager.getLogManager().reset();
        Handler handler = new ConsoleHandler(); // ConsoleHandler writes to System.err
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String line = record.getLevel() + " " + record.getLoggerName() + ": " + formatMessage(record);
                if (record.getThrown() != null) {
                    line += " (" + record.getThrown() + ")";
                }
                return line.replace('\n', ' ') + System.lineSeparator();
            }
        });
        Logger.getLogger("").addHandler(handler);
    }
}
