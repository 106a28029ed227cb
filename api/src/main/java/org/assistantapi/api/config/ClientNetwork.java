package org.assistantapi.api.config;

import java.net.InetAddress;

/**
 * A network of client addresses, written in CIDR notation ({@code 192.168.1.0/24},
 * {@code fd00::/8}); a bare address is that one host. Only literal addresses: a host name would
 * need a DNS lookup at start-up and could change meaning later. Written here because the JDK has
 * no CIDR type and the check is a byte comparison.
 *
 * @param network      the network's address (bits past the prefix are ignored)
 * @param prefixLength how many leading bits a client's address must share with it
 */
public record ClientNetwork(InetAddress network, int prefixLength) {

    public ClientNetwork {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not between 0 and " + bits);
        }
    }

    /** {@code address/prefix} or a bare address. */
    public static ClientNetwork parse(String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress address = InetAddress.ofLiteral(slash < 0 ? cidr : cidr.substring(0, slash));
        int bits = address.getAddress().length * 8;
        return new ClientNetwork(address, slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1)));
    }

    /** Whether {@code client} is in this network (an IPv4 client is never in an IPv6 network, nor the reverse). */
    public boolean contains(InetAddress client) {
        byte[] wanted = network.getAddress();
        byte[] actual = client.getAddress();
        if (wanted.length != actual.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit += 8) {
            int mask = 0xff << Math.max(0, 8 - (prefixLength - bit)) & 0xff;
            if ((wanted[bit / 8] & mask) != (actual[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
