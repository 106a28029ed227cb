package org.assistantapi.core;

import java.util.List;
import java.util.Objects;

import org.assistantapi.workers.protocol.FromWorker;

/**
 * How a voice's prewarm went across the workers.
 *
 * @param ready   loaded in every worker that answered, and every ready worker answered
 * @param millis  the slowest worker's load time
 * @param workers how many workers have it loaded
 * @param error   why a worker could not load it, or null
 */
public record PrewarmResult(String voice, boolean ready, long millis, int workers, String error) {

    static PrewarmResult of(String voice, int workersAsked, List<List<FromWorker.VoiceLoad>> answers) {
        List<FromWorker.VoiceLoad> loads = answers.stream().flatMap(List::stream)
                .filter(load -> load.voice().equals(voice)).toList();
        int loaded = (int) loads.stream().filter(load -> load.error() == null).count();
        long millis = loads.stream().mapToLong(FromWorker.VoiceLoad::millis).max().orElse(0);
        String error = loads.stream().map(FromWorker.VoiceLoad::error).filter(Objects::nonNull).findFirst()
                .orElse(loaded < workersAsked ? "a worker did not answer" : null);
        return new PrewarmResult(voice, workersAsked > 0 && loaded == workersAsked, millis, loaded, error);
    }
}
