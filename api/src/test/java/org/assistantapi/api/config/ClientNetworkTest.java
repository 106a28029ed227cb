package org.assistantapi.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void prefixesMatchBitByBit() {
        ClientNetwork lan = ClientNetwork.parse("192.168.1.0/23");
        assertTrue(lan.contains(address("192.168.0.7")));
        assertTrue(lan.contains(address("192.168.1.255")));
        assertFalse(lan.contains(address("192.168.2.1")));
        assertFalse(lan.contains(address("::1")), "an IPv4 network holds no IPv6 client");
        assertTrue(ClientNetwork.parse("fd00::/8").contains(address("fd12:3456::1")));
        assertFalse(ClientNetwork.parse("fd00::/8").contains(address("fe80::1")));
        assertTrue(ClientNetwork.parse("0.0.0.0/0").contains(address("203.0.113.9")));
    }

    @Test
    void aBareAddressIsOneHost() {
        ClientNetwork host = ClientNetwork.parse("10.1.2.3");
        assertEquals(32, host.prefixLength());
        assertTrue(host.contains(address("10.1.2.3")));
        assertFalse(host.contains(address("10.1.2.4")));
    }

    @Test
    void onlyLiteralAddressesAndSanePrefixes() {
        assertThrows(IllegalArgumentException.class, () -> ClientNetwork.parse("homeassistant.lan"));
        assertThrows(IllegalArgumentException.class, () -> ClientNetwork.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ClientNetwork.parse("10.0.0.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> ClientNetwork.parse("10.0.0.0/x"));
    }

    @Test
    void theDefaultIsLoopbackOnlyWhenListeningOnAllAddresses() {
        assertEquals(WyomingSettings.LOOPBACK, WyomingSettings.defaultAllowedClients("0.0.0.0"));
        assertEquals(WyomingSettings.LOOPBACK, WyomingSettings.defaultAllowedClients("::"));
        assertEquals(WyomingSettings.EVERYONE, WyomingSettings.defaultAllowedClients("192.168.1.5"));
        assertEquals(WyomingSettings.EVERYONE, WyomingSettings.defaultAllowedClients("127.0.0.1"));
        WyomingSettings loopback = new WyomingSettings(true, "0.0.0.0", 10200, Duration.ofSeconds(120),
                WyomingSettings.LOOPBACK.stream().map(ClientNetwork::parse).toList());
        assertTrue(loopback.allows(address("127.0.0.1")));
        assertTrue(loopback.allows(address("::1")));
        assertFalse(loopback.allows(address("192.168.1.20")));
        assertFalse(new WyomingSettings(true, "0.0.0.0", 10200, Duration.ofSeconds(120), List.of()).allows(address("127.0.0.1")));
    }

    private static InetAddress address(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
