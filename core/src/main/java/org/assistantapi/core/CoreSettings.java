package org.assistantapi.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What core needs to run, whatever the transport and wherever the values came from. Defaults are
 * the configuration's (api's {@code ConfigKey}); core has none of its own.
 *
 * @param workers            the worker processes and what they load
 * @param timeouts           how long core waits for workers and readers
 * @param voiceChoice        how requests' voice and model names map to voices
 * @param maxInputChars      the longest text one request may carry
 * @param streams            one-shot speech streams: their buffer and limits
 * @param sessions           limits on incremental speech sessions
 * @param instanceId         this instance's name, the prefix of its session ids ({@code <instance>.<random>}) by
 *                           which a load balancer routes a session's calls: 1 to 32 of {@code [a-z0-9-]}
 */
public record CoreSettings(WorkerSettings workers, Timeouts timeouts, VoiceChoice voiceChoice, int maxInputChars,
                           StreamSettings streams, SessionSettings sessions, String instanceId) {

    /** What an instance id may be: safe in a URL path segment and in a balancer's regular expression. */
    public static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public CoreSettings {
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instanceId must be 1 to 32 of [a-z0-9-], starting with a letter or digit");
        }
    }

    /** These settings with one worker that prewarms nothing: enough for a single local text. */
    public CoreSettings withSingleWorker() {
        return new CoreSettings(workers.single(), timeouts, voiceChoice, maxInputChars, streams, sessions,
                instanceId);
    }

    /** This host's name made an instance id, see {@link #instanceIdOf}. */
    public static String defaultInstanceId() {
        String host;
        try {
            host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException ignored) {
                host = "";
            }
        }
        return instanceIdOf(host);
    }

    /**
     * A host name made an instance id: its first label, lower-cased, other characters turned into
     * {@code -}, cut to 32, without leading or trailing {@code -}; {@code instance} if nothing is left.
     */
    static String instanceIdOf(String host) {
        String label = host.split("\\.", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        label = label.substring(0, Math.min(32, label.length())).replaceAll("^-+|-+$", "");
        return label.isEmpty() ? "instance" : label;
    }
}
