package org.assistantapi.workers.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a worker is set up, passed on its command line by core.
 *
 * @param workerId        the worker's name in logs, e.g. {@code worker-1}
 * @param voiceDirs       directories searched for Piper voices
 * @param maxLoadedVoices how many voices a worker keeps loaded; the least recently used is unloaded
 * @param prewarmVoices   voices loaded before the worker reports ready
 * @param tuning          engine, encoder and text settings by configuration key, e.g.
 *                        {@code encoders.mp3_bitrate_kbps}, {@code text.emoji}, as checked by the server
 */
public record WorkerOptions(String workerId, List<Path> voiceDirs, int maxLoadedVoices, List<String> prewarmVoices,
                            Map<String, String> tuning) {

    public WorkerOptions {
        voiceDirs = List.copyOf(voiceDirs);
        prewarmVoices = List.copyOf(prewarmVoices);
        tuning = Map.copyOf(tuning);
        if (maxLoadedVoices < 1) {
            throw new IllegalArgumentException("maxLoadedVoices must be at least 1");
        }
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--id", workerId, "--max-loaded-voices", String.valueOf(maxLoadedVoices)));
        voiceDirs.forEach(dir -> args.addAll(List.of("--voices-dir", dir.toString())));
        prewarmVoices.forEach(voice -> args.addAll(List.of("--prewarm", voice)));
        tuning.forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        return args;
    }

    /** The tuning key of the most audio one text (a request, a session's flush) may become. */
    public static final String MAX_AUDIO_SECONDS = "limits.max_audio_seconds";
    public static final int DEFAULT_MAX_AUDIO_SECONDS = 600;

    /** A number setting, or the fallback when it was not set. */
    public int tuning(String key, int fallback) {
        String value = tuning.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    /** A word or path setting, or the fallback when it was not set. */
    public String setting(String key, String fallback) {
        return tuning.getOrDefault(key, fallback);
    }

    public static WorkerOptions parse(String[] args) {
        String id = "worker";
        int maxLoaded = 8;
        List<Path> dirs = new ArrayList<>();
        List<String> prewarm = new ArrayList<>();
        Map<String, String> tuning = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--id" -> id = value;
                case "--max-loaded-voices" -> maxLoaded = Integer.parseInt(value);
                case "--voices-dir" -> dirs.add(Path.of(value));
                case "--prewarm" -> prewarm.add(value);
                case "--set" -> tuning.put(value.substring(0, value.indexOf('=')), value.substring(value.indexOf('=') + 1));
                default -> throw new IllegalArgumentException("unknown worker option " + args[i]);
            }
        }
        return new WorkerOptions(id, dirs, maxLoaded, prewarm, tuning);
    }
}
