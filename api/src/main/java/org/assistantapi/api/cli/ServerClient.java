package org.assistantapi.api.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assistantapi.api.config.ServerConfig;

/**
 * JSON calls to a running server, at {@code --url} or else where the configuration says it
 * listens. Any failure to get an answer is a {@link ServerUnreachableException}.
 */
final class ServerClient {

    /** The status and JSON body of an answer. */
    record Answer(int status, JsonNode body) {

        /** OpenAI's error shape, {@code {"error": {"message": ...}}}, or the bare status. */
        String errorMessage() {
            String message = body.path("error").path("message").asText("");
            return message.isEmpty() ? "the server answered " + status : message;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    ServerClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The server's URL from its configuration; a wildcard listen address is reached on loopback. */
    static URI url(ServerConfig config) {
        String host = switch (config.host()) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
        };
        return URI.create("http://" + host + ":" + config.port());
    }

    URI base() {
        return base;
    }

    Answer get(String path) throws ServerUnreachableException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    Answer post(String path, Object body) throws ServerUnreachableException {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Answer send(HttpRequest.Builder request) throws ServerUnreachableException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new ServerUnreachableException("cannot connect to the server at " + base + " (is it running?)");
        } catch (HttpTimeoutException e) {
            throw new ServerUnreachableException("the server at " + base + " did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new ServerUnreachableException("cannot reach the server at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException("interrupted");
        }
        try {
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new ServerUnreachableException("the server at " + base + " answered " + response.statusCode()
                    + " with a body that is not JSON; is it assistant-api?");
        }
    }

    /** No usable answer from the server; the message says why, for the operator. */
    static final class ServerUnreachableException extends Exception {

        private static final long serialVersionUID = 1L;

        ServerUnreachableException(String message) {
            super(message);
        }
    }
}
