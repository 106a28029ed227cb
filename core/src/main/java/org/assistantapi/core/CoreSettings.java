package org.assistantapi.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What core needs to run, whatever the transport and wherever the values came from.
 *
 * @param workerCount         how many worker processes to run
 * @param workerJvmOptions    extra JVM options for each worker (heap size, GC flags)
 * @param voiceDirs           where workers look for Piper voices
 * @param maxLoadedVoices     voices a worker keeps loaded before unloading the least recently used
 * @param prewarmVoices       voices each worker loads before it reports ready
 * @param workerTuning        engine, encoder and text settings by configuration key (e.g. {@code encoders.mp3_bitrate_kbps}),
 *                            passed to every worker; unset ones keep the worker's defaults
 * @param voiceChoice         how requests' voice and model names map to voices
 * @param maxInputChars       the longest text one request may carry
 * @param streamBufferFrames  audio frames buffered per stream between a worker and its reader
 * @param jobStartTimeout     how long a job may take to start (includes loading its voice)
 * @param heartbeatInterval   how often workers are pinged
 * @param heartbeatTimeout    a worker silent for this long is killed and replaced
 * @param clientStallTimeout  a stream whose reader takes nothing for this long, while audio waits, is cancelled
 * @param sessions            limits on incremental speech sessions
 * @param instanceId          this instance's name, the prefix of its session ids ({@code <instance>.<random>}) by
 *                            which a load balancer routes a session's calls: 1 to 32 of {@code [a-z0-9-]}
 */
public record CoreSettings(int workerCount, List<String> workerJvmOptions, List<Path> voiceDirs, int maxLoadedVoices,
                           List<String> prewarmVoices, Map<String, String> workerTuning, VoiceChoice voiceChoice, int maxInputChars, int streamBufferFrames,
                           Duration jobStartTimeout, Duration heartbeatInterval, Duration heartbeatTimeout,
                           Duration clientStallTimeout, SessionSettings sessions, String instanceId) {

    /** What an instance id may be: safe in a URL path segment and in a balancer's regular expression. */
    public static final Pattern INSTANCE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public CoreSettings {
        workerJvmOptions = List.copyOf(workerJvmOptions);
        voiceDirs = List.copyOf(voiceDirs);
        prewarmVoices = List.copyOf(prewarmVoices);
        workerTuning = Map.copyOf(workerTuning);
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1");
        }
        if (streamBufferFrames < 2) {
            throw new IllegalArgumentException("streamBufferFrames must be at least 2");
        }
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instanceId must be 1 to 32 of [a-z0-9-], starting with a letter or digit");
        }
    }

    /** Safe defaults: one worker per core, the default voice directories, OpenAI's input limit. */
    public static CoreSettings defaults() {
        return new CoreSettings(Runtime.getRuntime().availableProcessors(), List.of("-Xmx512m"),
                defaultVoiceDirs(), 8, List.of(), Map.of(), VoiceChoice.automatic(), 4096, 64,
                Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30),
                SessionSettings.defaults(), defaultInstanceId());
    }

    /** These settings with one worker that prewarms nothing: enough for a single local text. */
    public CoreSettings withSingleWorker() {
        return new CoreSettings(1, workerJvmOptions, voiceDirs, maxLoadedVoices, List.of(), workerTuning, voiceChoice,
                maxInputChars, streamBufferFrames, jobStartTimeout, heartbeatInterval, heartbeatTimeout,
                clientStallTimeout, sessions, instanceId);
    }

    public static List<Path> defaultVoiceDirs() {
        return List.of(Path.of("/var/lib/assistant-api/voices"),
                Path.of(System.getProperty("user.home"), ".local", "share", "assistant-api", "voices"));
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
