package org.assistantapi.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The worker processes and what they load.
 *
 * @param count           how many worker processes to run
 * @param jvmOptions      extra JVM options for each worker (heap size, GC flags)
 * @param voiceDirs       where workers look for Piper voices
 * @param maxLoadedVoices voices a worker keeps loaded before unloading the least recently used
 * @param prewarmVoices   voices each worker loads before it reports ready
 * @param tuning          engine and encoder knobs by configuration key (e.g. {@code encoders.mp3_bitrate_kbps}),
 *                        passed to every worker; unset ones keep the worker's defaults
 */
public record WorkerSettings(int count, List<String> jvmOptions, List<Path> voiceDirs, int maxLoadedVoices,
                             List<String> prewarmVoices, Map<String, Integer> tuning) {

    /** The workers' JVM options when none are configured. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");

    public WorkerSettings {
        jvmOptions = List.copyOf(jvmOptions);
        voiceDirs = List.copyOf(voiceDirs);
        prewarmVoices = List.copyOf(prewarmVoices);
        tuning = Map.copyOf(tuning);
        if (count < 1) {
            throw new IllegalArgumentException("the worker count must be at least 1");
        }
    }

    /** One worker per core, the default default. */
    public static int defaultCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Where voices are looked for when no directory is configured. */
    public static List<Path> defaultVoiceDirs() {
        return List.of(Path.of("/var/lib/assistant-api/voices"),
                Path.of(System.getProperty("user.home"), ".local", "share", "assistant-api", "voices"));
    }

    /** These settings with one worker that prewarms nothing: enough for a single local text. */
    public WorkerSettings single() {
        return new WorkerSettings(1, jvmOptions, voiceDirs, maxLoadedVoices, List.of(), tuning);
    }
}
