package org.assistantapi.api.wyoming;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.api.config.WyomingSettings;
import org.assistantapi.api.http.SynthesisLog;
import org.assistantapi.core.SpeechService;

/**
 * The Wyoming TCP listener: one virtual thread per connection, at most {@link #MAX_CONNECTIONS} at
 * once, only from the allowed client networks (the protocol has no authentication).
 */
public final class WyomingServer {

    private static final Logger LOG = Logger.getLogger(WyomingServer.class.getName());
    static final int MAX_CONNECTIONS = 256;

    /** Addresses whose refusal has been logged (each once), at most this many. */
    static final int MAX_LOGGED_STRANGERS = 1024;

    private final ServerSocket listener;
    private final SpeechService speech;
    private final SynthesisLog requests;
    private final WyomingSettings settings;
    private final Set<WyomingConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<InetAddress> loggedStrangers = ConcurrentHashMap.newKeySet();

    private WyomingServer(ServerSocket listener, SpeechService speech, SynthesisLog requests, WyomingSettings settings) {
        this.listener = listener;
        this.speech = speech;
        this.requests = requests;
        this.settings = settings;
    }

    /** Listens on the configured address and serves until {@link #stopAccepting}; each synthesis is logged in {@code requests}. */
    public static WyomingServer start(WyomingSettings settings, SpeechService speech, SynthesisLog requests) throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(settings.host(), settings.port()));
        } catch (IOException e) {
            listener.close();
            throw new IOException("cannot listen for Wyoming on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        WyomingServer server = new WyomingServer(listener, speech, requests, settings);
        Thread.ofPlatform().daemon().name("wyoming-accept").start(server::acceptUntilClosed);
        Thread.ofVirtual().name("wyoming-stall-check").start(server::closeStalledUntilClosed);
        LOG.info("Wyoming protocol on tcp://" + settings.host() + ":" + listener.getLocalPort()
                + ", clients from " + settings.allowedClients());
        return server;
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
        connections.forEach(WyomingConnection::close);
    }

    private void acceptUntilClosed() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                if (!settings.allows(socket.getInetAddress())) {
                    closeStranger(socket);
                } else if (connections.size() < MAX_CONNECTIONS) {
                    socket.setTcpNoDelay(true); // audio chunks leave as they are written (see ApiServer)
                    WyomingConnection connection = new WyomingConnection(socket, speech, requests, settings.readTimeout());
                    connections.add(connection);
                    Thread.ofVirtual().name("wyoming-" + socket.getRemoteSocketAddress()).start(() -> {
                        try {
                            connection.run();
                        } finally {
                            connections.remove(connection);
                        }
                    });
                } else {
                    Thread.ofVirtual().start(() -> refuse(socket));
                }
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    LOG.log(Level.WARNING, "accepting a Wyoming connection failed", e);
                }
            }
        }
    }

    private void closeStalledUntilClosed() {
        while (!listener.isClosed()) {
            connections.forEach(WyomingConnection::closeIfStalled);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Closes a connection from outside the allowed networks before reading anything; logs each address once. */
    private void closeStranger(Socket socket) {
        InetAddress address = socket.getInetAddress();
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a Wyoming connection from outside the allowed networks", e);
        }
        if (loggedStrangers.size() < MAX_LOGGED_STRANGERS && loggedStrangers.add(address)) {
            LOG.warning("closed a Wyoming connection from " + address.getHostAddress() + ", outside wyoming.allowed_clients "
                    + settings.allowedClients() + " (further connections from it are not logged"
                    + (loggedStrangers.size() == MAX_LOGGED_STRANGERS ? ", nor from any new address" : "") + ")");
        }
    }

    private static void refuse(Socket socket) {
        try (socket) {
            new WyomingWriter(socket.getOutputStream()).write(new WyomingEvent.Error(
                    "the server has " + MAX_CONNECTIONS + " Wyoming connections open, its limit", "too_many_connections"));
        } catch (IOException e) {
            LOG.log(Level.FINE, "refusing a Wyoming connection", e);
        }
    }
}
