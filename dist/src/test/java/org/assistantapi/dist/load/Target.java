package org.assistantapi.dist.load;

import java.net.URI;
import java.util.Optional;

/** The server under load: where it listens, and its processes when they are known. */
interface Target extends AutoCloseable {

    URI base();

    Optional<ServerProcesses> processes();

    /** Stops the server if this tool started it. */
    @Override
    void close();

    /** A server someone else runs; {@code pid} (optional) lets the tool read its CPU and memory. */
    static Target external(URI base, Optional<Long> pid) {
        Optional<ServerProcesses> processes = pid.map(p -> new ServerProcesses(ProcessHandle.of(p)
                .orElseThrow(() -> new IllegalArgumentException("no process " + p))));
        return new Target() {
            @Override
            public URI base() {
                return base;
            }

            @Override
            public Optional<ServerProcesses> processes() {
                return processes;
            }

            @Override
            public void close() {
                // not ours to stop
            }
        };
    }
}
