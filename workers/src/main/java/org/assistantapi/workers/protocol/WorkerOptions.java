package org.assistantapi.workers.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a worker is set up, passed on its command line by core.
 *
 * @param workerId        the worker's name in logs, e.g. {@code worker-1}
 * @param voiceDirs       directories searched for Piper voices
 * @param maxLoadedVoices how many voices a worker keeps loaded; the least recently used is unloaded
 * @param prewarmVoices   voices loaded before the worker reports ready
 */
public record WorkerOptions(String workerId, List<Path> voiceDirs, int maxLoadedVoices, List<String> prewarmVoices) {

    public WorkerOptions {
        voiceDirs = List.copyOf(voiceDirs);
        prewarmVoices = List.copyOf(prewarmVoices);
        if (maxLoadedVoices < 1) {
            throw new IllegalArgumentException("maxLoadedVoices must be at least 1");
        }
    }

    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--id", workerId, "--max-loaded-voices", String.valueOf(maxLoadedVoices)));
        voiceDirs.forEach(dir -> args.addAll(List.of("--voices-dir", dir.toString())));
        prewarmVoices.forEach(voice -> args.addAll(List.of("--prewarm", voice)));
        return args;
    }

    public static WorkerOptions parse(String[] args) {
        String id = "worker";
        int maxLoaded = 8;
        List<Path> dirs = new ArrayList<>();
        List<String> prewarm = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--id" -> id = value;
                case "--max-loaded-voices" -> maxLoaded = Integer.parseInt(value);
                case "--voices-dir" -> dirs.add(Path.of(value));
                case "--prewarm" -> prewarm.add(value);
                default -> throw new IllegalArgumentException("unknown worker option " + args[i]);
            }
        }
        return new WorkerOptions(id, dirs, maxLoaded, prewarm);
    }
}
