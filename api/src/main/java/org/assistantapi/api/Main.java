package org.assistantapi.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

import org.assistantapi.api.cli.VoicesCommand;
import org.assistantapi.api.config.ConfigException;
import org.assistantapi.api.config.ServerConfig;
import org.assistantapi.api.http.ApiServer;
import org.assistantapi.core.SpeechService;

/** The {@code assistant-api} command. */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = """
            Usage: assistant-api serve [--config PATH] [--port N]
                   assistant-api voices download [--config PATH] VOICE_ID...

              serve        run the speech server
              voices download
                           install Piper voices from the voice catalog (voices.catalog_url)
                           into the first writable voice directory (voices.dirs)
              --config     YAML configuration (default: $ASSISTANT_API_CONFIG, else /etc/assistant-api/config.yaml if present)
              --port       listen on this port instead of the configured one (0 picks a free port)
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.print(USAGE);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        if (args[0].equals("voices")) {
            return switch (VoicesCommand.run(List.of(args).subList(1, args.length), Main::loadConfig)) {
                case OK -> EXIT_OK;
                case FAILED -> EXIT_FAILURE;
                case USAGE -> EXIT_USAGE;
            };
        }
        if (!args[0].equals("serve")) {
            System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
            return EXIT_USAGE;
        }
        Optional<Path> configFile = Optional.empty();
        Integer port = null;
        try {
            for (int i = 1; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> configFile = Optional.of(Path.of(args[++i]));
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.print(e.getMessage() + "\n" + USAGE);
            return EXIT_USAGE;
        }
        try {
            ServerConfig config = loadConfig(configFile);
            return serve(port == null ? config : config.withPort(port));
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return EXIT_FAILURE;
        }
    }

    private static ServerConfig loadConfig(Optional<Path> configFile) throws ConfigException {
        return ServerConfig.load(configFile.or(Main::configFromEnvironment).or(Main::defaultConfigFile));
    }

    private static Optional<Path> configFromEnvironment() {
        return Optional.ofNullable(System.getenv("ASSISTANT_API_CONFIG")).filter(s -> !s.isBlank()).map(Path::of);
    }

    private static Optional<Path> defaultConfigFile() {
        return Files.exists(ServerConfig.DEFAULT_FILE) ? Optional.of(ServerConfig.DEFAULT_FILE) : Optional.empty();
    }

    private static int serve(ServerConfig config) {
        LoggingSetup.configure(config.loggingDir(), config.loggingLevel());
        Logger log = Logger.getLogger(Main.class.getName());
        SpeechService speech = SpeechService.start(config.core());
        WebServer server = ApiServer.start(config, speech);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            speech.close();
        }, "shutdown"));
        log.info("listening on http://" + config.host() + ":" + server.port());
        // The line tests and scripts wait for; stdout carries nothing else.
        System.out.println("assistant-api listening on " + config.host() + ":" + server.port());
        try {
            if (!speech.awaitReady(Duration.ofMinutes(2))) {
                log.severe("no worker became ready within 2 minutes; see the worker log lines above");
            }
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }
}
