package org.assistantapi.api;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Tells systemd ({@code Type=notify}) that the server is ready or stopping, through libsystemd's
 * {@code sd_notify} called via FFM. Only under systemd ({@code NOTIFY_SOCKET} set) is libsystemd
 * looked up at all; if it is missing, that is logged once and notifications are dropped.
 * (Java cannot send to the notify socket itself: it is an AF_UNIX datagram socket.)
 */
final class SystemdNotifier {

    private static final Logger LOG = Logger.getLogger(SystemdNotifier.class.getName());

    private final Optional<MethodHandle> sdNotify;

    private SystemdNotifier(Optional<MethodHandle> sdNotify) {
        this.sdNotify = sdNotify;
    }

    static SystemdNotifier fromEnvironment() {
        String socket = System.getenv("NOTIFY_SOCKET");
        return new SystemdNotifier(socket == null || socket.isBlank() ? Optional.empty() : lookUp());
    }

    private static Optional<MethodHandle> lookUp() {
        try {
            SymbolLookup libsystemd = SymbolLookup.libraryLookup("libsystemd.so.0", Arena.global());
            return libsystemd.find("sd_notify").map(symbol -> Linker.nativeLinker()
                    .downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS)));
        } catch (IllegalArgumentException | IllegalCallerException e) {
            // No libsystemd.so.0, or native access denied to this module.
            LOG.warning("NOTIFY_SOCKET is set but sd_notify cannot be called (" + e.getMessage()
                    + "); systemd will not learn when the server is ready");
            return Optional.empty();
        }
    }

    /** The HTTP server listens and at least one worker is ready. */
    void ready(String status) {
        send("READY=1\nSTATUS=" + status);
    }

    /** Shutdown began: no new connections, active streams draining. */
    void stopping(String status) {
        send("STOPPING=1\nSTATUS=" + status);
    }

    private void send(String state) {
        sdNotify.ifPresent(handle -> {
            try (Arena arena = Arena.ofConfined()) {
                int result = (int) handle.invokeExact(0, arena.allocateFrom(state));
                if (result < 0) {
                    LOG.warning("sd_notify failed with error " + -result);
                }
            } catch (Throwable e) {
                LOG.warning("sd_notify failed: " + e);
            }
        });
    }
}
