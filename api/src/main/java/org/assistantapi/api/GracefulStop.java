package org.assistantapi.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

import org.assistantapi.api.wyoming.WyomingServer;
import org.assistantapi.core.SpeechService;

import sun.misc.Signal;

/**
 * Stops the server in order: no new connections, active streams finish (up to the grace period),
 * then the workers. SIGTERM and SIGINT are trapped rather than left to the JVM's shutdown hooks,
 * because those run in no particular order: java.util.logging closes its files in one, and the
 * lines of draining requests would be lost. A second signal while draining stops at once.
 */
final class GracefulStop {

    private static final Logger LOG = Logger.getLogger(GracefulStop.class.getName());

    private final WebServer server;
    private final Optional<WyomingServer> wyoming;
    private final SpeechService speech;
    private final SystemdNotifier systemd;
    private final Duration grace;
    private final CountDownLatch requested = new CountDownLatch(1);
    private boolean stopped;

    GracefulStop(WebServer server, Optional<WyomingServer> wyoming, SpeechService speech, SystemdNotifier systemd,
                 Duration grace) {
        this.server = server;
        this.wyoming = wyoming;
        this.speech = speech;
        this.systemd = systemd;
        this.grace = grace;
    }

    /** Traps SIGTERM and SIGINT, and stops on any other JVM exit too (System.exit, SIGHUP). */
    void install() {
        Signal.handle(new Signal("TERM"), this::onSignal);
        Signal.handle(new Signal("INT"), this::onSignal);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "shutdown"));
    }

    /** Blocks until SIGTERM or SIGINT, then stops everything. */
    void awaitSignalAndStop() throws InterruptedException {
        requested.await();
        stop();
    }

    private void onSignal(Signal signal) {
        if (requested.getCount() == 0) {
            LOG.warning("SIG" + signal.getName() + " again while draining: stopping now");
            Runtime.getRuntime().halt(Main.EXIT_FAILURE); // the workers exit when the server is gone
        }
        LOG.info("SIG" + signal.getName() + ": stopping");
        requested.countDown();
    }

    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        int streams = speech.health().streams();
        systemd.stopping("draining " + streams + " stream(s)");
        LOG.info("no longer accepting connections; letting " + streams + " active stream(s) finish, for up to "
                + grace.toSeconds() + " s");
        long start = System.nanoTime();
        wyoming.ifPresent(WyomingServer::stopAccepting);
        server.stop();
        wyoming.ifPresent(w -> w.awaitConnections(start + grace.toNanos())); // the same grace as HTTP's
        LOG.info("HTTP server stopped after " + (System.nanoTime() - start) / 1_000_000 + " ms; stopping the workers");
        speech.close();
        LOG.info("stopped");
    }
}
