package org.assistantapi.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

import org.assistantapi.api.cli.PrewarmCommand;
import org.assistantapi.api.cli.SayCommand;
import org.assistantapi.api.cli.VoicesCommand;
import org.assistantapi.api.cli.VoicesListCommand;
import org.assistantapi.api.config.ConfigException;
import org.assistantapi.api.config.ServerConfig;
import org.assistantapi.api.http.ApiServer;
import org.assistantapi.api.http.SynthesisLog;
import org.assistantapi.api.wyoming.WyomingServer;
import org.assistantapi.core.SpeechService;

/** The {@code assistant-api} command. */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = """
            Usage: assistant-api serve [--config PATH] [--port N]
                   assistant-api prewarm [--config PATH | --url URL] [VOICE_ID...]
                   assistant-api voices list [--config PATH | --url URL]
                   assistant-api voices download [--config PATH] VOICE_ID...
                   assistant-api say [--config PATH] [-o FILE] [--voice VOICE] [--format FORMAT] TEXT

              serve        run the speech server until SIGTERM or SIGINT
              prewarm      ask the running server to load voices into every worker now
              voices list  list the running server's voices
              voices download
                           install Piper voices from the voice catalog (voices.catalog_url)
                           into the first writable voice directory (voices.dirs)
              say          speak TEXT into FILE (default out.mp3) without a server
              --config     YAML configuration (default: $ASSISTANT_API_CONFIG, else /etc/assistant-api/config.yaml if present)
              --port       listen on this port instead of the configured one (0 picks a free port)
              --url        the running server's URL (default: from the configuration's host and port)

            'assistant-api COMMAND --help' says more about a command. Exit status: 0 done,
            1 failed (configuration, server unreachable, voice not ready...), 2 command-line mistake.
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
        List<String> rest = List.of(args).subList(1, args.length);
        if (args[0].equals("serve")) {
            return serve(rest);
        }
        VoicesCommand.Status status = switch (args[0]) {
            case "prewarm" -> PrewarmCommand.run(rest, Main::loadConfig);
            case "say" -> SayCommand.run(rest, Main::loadConfig);
            case "voices" -> !rest.isEmpty() && rest.getFirst().equals("list")
                    ? VoicesListCommand.run(rest.subList(1, rest.size()), Main::loadConfig)
                    : VoicesCommand.run(rest, Main::loadConfig);
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                yield VoicesCommand.Status.USAGE;
            }
        };
        return switch (status) {
            case OK -> EXIT_OK;
            case FAILED -> EXIT_FAILURE;
            case USAGE -> EXIT_USAGE;
        };
    }

    private static int serve(List<String> args) {
        Optional<Path> configFile = Optional.empty();
        Integer port = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--config" -> configFile = Optional.of(Path.of(args.get(++i)));
                    case "--port" -> port = Integer.parseInt(args.get(++i));
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        return EXIT_OK;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
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
        LoggingSetup.configure(config.logging());
        Logger log = Logger.getLogger(Main.class.getName());
        SystemdNotifier systemd = SystemdNotifier.fromEnvironment();
        SpeechService speech = SpeechService.start(config.core());
        SynthesisLog requests = SynthesisLog.create(config.metricsEnabled(), speech);
        WebServer server = ApiServer.start(config, speech, requests);
        Optional<WyomingServer> wyoming;
        try {
            wyoming = config.wyoming().enabled()
                    ? Optional.of(WyomingServer.start(config.wyoming(), speech, requests)) : Optional.empty();
        } catch (IOException e) {
            log.severe(e.getMessage());
            System.err.println(e.getMessage());
            server.stop();
            speech.close();
            return EXIT_FAILURE;
        }
        GracefulStop stop = new GracefulStop(server, wyoming, speech, systemd, config.shutdownGrace());
        stop.install();
        String address = config.host() + ":" + server.port();
        log.info("listening on http://" + address);
        // The line tests and scripts wait for; stdout carries nothing else.
        System.out.println("assistant-api listening on " + address);
        Thread.ofVirtual().name("readiness").start(() -> notifyWhenReady(speech, systemd, address, log));
        try {
            stop.awaitSignalAndStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EXIT_OK;
    }

    /** Tells systemd once a worker is ready; complains once if that takes unusually long. */
    private static void notifyWhenReady(SpeechService speech, SystemdNotifier systemd, String address, Logger log) {
        try {
            if (!speech.awaitReady(Duration.ofMinutes(2))) {
                log.severe("no worker became ready within 2 minutes; see the worker log lines above");
                while (!speech.awaitReady(Duration.ofMinutes(1))) {
                    // keep waiting: a worker may still come up, and systemd's start timeout decides
                }
            }
            systemd.ready("listening on " + address + ", " + speech.health().workersUp() + " worker(s) ready");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
