/**
 * The transports and the server process over core: HTTP (Helidon SE routing, validation, error
 * mapping, access log, metrics), the Wyoming listener, the command line, configuration, logging
 * and systemd integration.
 */
module org.assistantapi.api {
    requires java.logging;
    requires java.net.http;
    requires jdk.unsupported; // sun.misc.Signal: SIGTERM drains before the JVM's shutdown hooks run
    requires org.assistantapi.core;
    requires io.helidon.webserver;
    requires io.helidon.config;
    requires io.helidon.config.yaml;
    requires io.helidon.logging.jul;
    requires com.fasterxml.jackson.databind;
}
