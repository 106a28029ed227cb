package org.assistantapi.api.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The Wyoming listener, for Home Assistant and its satellites.
 *
 * @param enabled        whether the server listens for Wyoming at all
 * @param host           the address to listen on
 * @param port           the TCP port (0 picks a free one)
 * @param readTimeout    longest wait for a client's next event (in a streaming synthesis, its next
 *                       piece of text); then an {@code error} event and the connection closes
 * @param allowedClients the networks a client may connect from; any other connection is closed at once
 */
public record WyomingSettings(boolean enabled, String host, int port, Duration readTimeout,
                              List<ClientNetwork> allowedClients) {

    /** Loopback, IPv4 and IPv6. */
    static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");
    /** Every address, IPv4 and IPv6. */
    static final List<String> EVERYONE = List.of("0.0.0.0/0", "::/0");

    public WyomingSettings {
        allowedClients = List.copyOf(allowedClients);
    }

    /**
     * The allowed networks when none are configured: loopback only when the listener binds to all
     * addresses, since that reaches every network the machine is on (a VPN, a container bridge, a
     * public interface) and the protocol has no authentication; every client when it binds to one
     * address, whose network its operator chose.
     */
    static List<String> defaultAllowedClients(String host) {
        try {
            return InetAddress.ofLiteral(host).isAnyLocalAddress() ? LOOPBACK : EVERYONE;
        } catch (IllegalArgumentException e) {
            return EVERYONE; // a host name: one address, looked up when the listener binds
        }
    }

    /** Whether a client at {@code address} may connect. */
    public boolean allows(InetAddress address) {
        return allowedClients.stream().anyMatch(network -> network.contains(address));
    }
}
