package org.assistantapi.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Core settings for tests: small, explicit values (the server's defaults live in api's ConfigKey). */
final class TestSettings {

    private TestSettings() {
    }

    /** {@code workers} workers started with {@code jvmOptions}, and the instance id {@code instanceId}. */
    static CoreSettings core(int workers, List<String> jvmOptions, String instanceId) {
        return new CoreSettings(
                new WorkerSettings(workers, jvmOptions, WorkerSettings.defaultVoiceDirs(), 8, List.of(), Map.of()),
                new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30)),
                VoiceChoice.automatic(), 4096, new StreamSettings(64, 256, 64),
                new SessionSettings(64, 16_384, Duration.ofSeconds(60), 16), instanceId);
    }
}
