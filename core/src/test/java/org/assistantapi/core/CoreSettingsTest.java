package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The instance id, the prefix of session ids a load balancer routes by. */
class CoreSettingsTest {

    @Test
    void hostNamesBecomeInstanceIds() {
        assertEquals("kitchen-1", CoreSettings.instanceIdOf("Kitchen-1.home.lan"));
        assertEquals("tts-0", CoreSettings.instanceIdOf("tts-0"));
        assertEquals("my-box", CoreSettings.instanceIdOf("my_box"));
        assertEquals("a".repeat(32), CoreSettings.instanceIdOf("a".repeat(40)));
        assertEquals("x", CoreSettings.instanceIdOf("--x--"));
        assertEquals("instance", CoreSettings.instanceIdOf(""));
        assertEquals("instance", CoreSettings.instanceIdOf("___"));
        assertTrue(CoreSettings.INSTANCE_ID.matcher(CoreSettings.defaultInstanceId()).matches());
    }

    @Test
    void anInstanceIdMustBeRoutable() {
        CoreSettings defaults = CoreSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> withInstanceId(defaults, "a.b"));
        assertThrows(IllegalArgumentException.class, () -> withInstanceId(defaults, "-a"));
        assertThrows(IllegalArgumentException.class, () -> withInstanceId(defaults, "A"));
        assertThrows(IllegalArgumentException.class, () -> withInstanceId(defaults, "a".repeat(33)));
        assertEquals("tts-a", withInstanceId(defaults, "tts-a").instanceId());
    }

    private static CoreSettings withInstanceId(CoreSettings s, String id) {
        return new CoreSettings(s.workerCount(), s.workerJvmOptions(), s.voiceDirs(), s.maxLoadedVoices(), s.prewarmVoices(),
                s.workerTuning(), s.voiceChoice(), s.maxInputChars(), s.streamBufferFrames(), s.jobStartTimeout(),
                s.heartbeatInterval(), s.heartbeatTimeout(), s.clientStallTimeout(), s.sessions(), id);
    }
}
