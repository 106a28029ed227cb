package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.assistantapi.dist.load.LoadSmoke;
import org.junit.jupiter.api.Test;

/**
 * A short load run against the real server, so a regression in fault handling under load fails
 * the suite: 12 one-shot clients, 2 slow readers whose jobs run out of credit and fill the socket
 * buffers, and a burst of 8 hang-ups, all at once on 2 workers. Every request must get its whole
 * audio (or hang up as intended), every stream must close and every worker be up afterwards.
 * No timing is asserted. The same scenario is {@code mixed} in the load tool
 * (docs/developer/benchmarks.md).
 *
 * <p>With helidon-common-socket 4.4.0 the slow readers fail: its {@code NioSocket.write} ignores
 * partial writes, so once a response's socket buffer is full the chunked body is corrupted
 * (helidon-io/helidon#11340, #11353; fixed in 4.4.1). See benchmarks.md.
 */
class LoadSmokeIT {

    @Test
    void oneShotClientsSlowReadersAndHangUpsAtOnceLeaveTheServerWhole() throws Exception {
        // The load clients read as fast as they can, far ahead of any listener: the deadline
        // scheduler would pace them to real time once they are scheduling.max_ahead_ms ahead
        // (long.txt is minutes of audio). This test is about faults under load, not pacing.
        try (RunningServer server = RunningServer.start("workers:\n  count: 2\nscheduling:\n  max_ahead_ms: 3600000\n")) {
            List<String> problems = LoadSmoke.run(server.uri(""), server.process.pid(), RunningServer.texts(), System.out);
            assertEquals(List.of(), problems);
        }
    }
}
