package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

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
        assertThrows(IllegalArgumentException.class, () -> withInstanceId("a.b"));
        assertThrows(IllegalArgumentException.class, () -> withInstanceId("-a"));
        assertThrows(IllegalArgumentException.class, () -> withInstanceId("A"));
        assertThrows(IllegalArgumentException.class, () -> withInstanceId("a".repeat(33)));
        assertEquals("tts-a", withInstanceId("tts-a").instanceId());
    }

    @Test
    void workersArePingedTenTimesPerHeartbeatTimeoutAtMostOnceASecond() {
        assertEquals(Duration.ofSeconds(3), new Timeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(30)).heartbeatInterval());
        assertEquals(Duration.ofSeconds(1), new Timeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(3), Duration.ofSeconds(30)).heartbeatInterval());
    }

    private static CoreSettings withInstanceId(String id) {
        return TestSettings.core(1, List.of(), id);
    }
}
