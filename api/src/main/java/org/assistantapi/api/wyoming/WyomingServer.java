package org.assistantapi.api.wyoming;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.api.config.WyomingSettings;
import org.assistantapi.core.SpeechService;

/** The Wyoming TCP listener: one virtual thread per connection, at most {@link #MAX_CONNECTIONS} at once. */
public final class WyomingServer {

    private static final Logger LOG = Logger.getLogger(WyomingServer.class.getName());
    static final int MAX_CONNECTIONS = 256;

    private final ServerSocket listener;
    private final SpeechService speech;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    private WyomingServer(ServerSocket listener, SpeechService speech) {
        this.listener = listener;
        this.speech = speech;
    }

    /** Listens on the configured address and serves until {@link #stopAccepting}. */
    public static WyomingServer start(WyomingSettings settings, SpeechService speech) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen for Wyoming on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        WyomingServer server = new WyomingServer(listener, speech);
        Thread.ofPlatform().daemon().name("wyoming-accept").start(server::acceptUntilClosed);
        LOG.info("Wyoming protocol on tcp://" + settings.host() + ":" + listener.getLocalPort());
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** No new connections; those open go on. */
    public void stopAccepting() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the Wyoming listener", e);
        }
    }

    /** Waits until the open connections end or the deadline ({@link System#nanoTime}) passes, then closes the rest. */
    public void awaitConnections(long deadlineNanos) {
        try {
            while (!connections.isEmpty() && System.nanoTime() < deadlineNanos) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing a Wyoming connection", e);
            }
        }
    }

    private void acceptUntilClosed() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                boolean admitted = connections.size() < MAX_CONNECTIONS;
                connections.add(socket);
                Thread.ofVirtual().name("wyoming-" + socket.getRemoteSocketAddress()).start(() -> {
                    try {
                        serve(socket, admitted);
                    } finally {
                        connections.remove(socket);
                    }
                });
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(Level.WARNING, "accepting a Wyoming connection failed", e);
                }
            }
        }
    }

    private void serve(Socket socket, boolean admitted) {
        if (admitted) {
            new WyomingConnection(socket, speech).run();
            return;
        }
        try (socket) {
            new WyomingWriter(socket.getOutputStream()).write(new WyomingEvent.Error(
                    "the server has " + MAX_CONNECTIONS + " Wyoming connections open, its limit", "too_many_connections"));
        } catch (IOException e) {
            LOG.log(Level.FINE, "refusing a Wyoming connection", e);
        }
    }
}
