package org.assistantapi.api.cli;

import java.io.Console;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.regex.Pattern;

import org.assistantapi.api.config.ConfigException;
import org.assistantapi.api.config.ServerConfig;

/**
 * {@code assistant-api voices download [--config PATH] VOICE_ID...}: installs Piper voices from
 * the catalog ({@code voices.catalog_url}) into the first writable voice directory. Results go
 * to stdout; progress and errors to stderr. Every id is looked up before anything is
 * downloaded, so a typo costs no download.
 */
public final class VoicesCommand {

    /** How the command ended; the caller maps it to an exit code. */
    public enum Status { OK, FAILED, USAGE }

    /** The server's configuration, from {@code --config} if given, else from wherever the server would read it. */
    @FunctionalInterface
    public interface ConfigLoader {
        ServerConfig load(Optional<Path> explicit) throws ConfigException;
    }

    static final String USAGE = """
            Usage: assistant-api voices download [--config PATH] [--timeout SECONDS] VOICE_ID...

              Installs Piper voices, e.g. en_US-lessac-medium, from the voice catalog
              (voices.catalog_url) into the first writable directory of voices.dirs,
              checking each file's size and MD5. A running server offers them within
              seconds, without a restart; the command waits until it does.
              --config     YAML configuration, as for serve
              --timeout    give up (installing nothing more) when the whole command,
                           catalog and every file, takes longer (default 3600)
            """;

    /** Catalog ids: letters, digits, '_', '-', '.'; no '/' or leading dot, so always a plain file name. */
    private static final Pattern VOICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final long MAX_CATALOG_BYTES = 64L * 1024 * 1024;
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(5);

    private final PrintStream out;
    private final PrintStream err;
    private final Progress progress;
    private final HttpFetcher http;

    VoicesCommand(PrintStream out, PrintStream err, boolean terminal, HttpFetcher http) {
        this.out = out;
        this.err = err;
        this.progress = new Progress(err, terminal);
        this.http = http;
    }

    /** Runs {@code voices ARGS...} on the console. */
    public static Status run(List<String> args, ConfigLoader configs) {
        Console console = System.console();
        return new VoicesCommand(System.out, System.err, console != null && console.isTerminal(),
                new HttpFetcher(HttpFetcher.CONNECT_TIMEOUT, HttpFetcher.STALL_TIMEOUT, HttpFetcher.TOTAL_TIMEOUT))
                .execute(args, configs);
    }

    Status execute(List<String> args, ConfigLoader configs) {
        if (!args.isEmpty() && (args.getFirst().equals("--help") || args.getFirst().equals("-h"))) {
            out.print(USAGE);
            return Status.OK;
        }
        if (args.isEmpty() || !args.getFirst().equals("download")) {
            return usageError(args.isEmpty() ? "name a voices command" : "unknown voices command '" + args.getFirst() + "'");
        }
        Optional<Path> configFile = Optional.empty();
        HttpFetcher fetcher = http;
        SequencedSet<String> ids = new LinkedHashSet<>();
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                out.print(USAGE);
                return Status.OK;
            } else if (arg.equals("--config")) {
                if (++i == args.size()) {
                    return usageError("--config needs a path");
                }
                configFile = Optional.of(Path.of(args.get(i)));
            } else if (arg.equals("--timeout")) {
                if (++i == args.size() || !args.get(i).matches("[1-9][0-9]{0,6}")) {
                    return usageError("--timeout needs a number of seconds, 1 to 9999999");
                }
                fetcher = http.withTotalTimeout(Duration.ofSeconds(Long.parseLong(args.get(i))));
            } else if (arg.startsWith("-")) {
                return usageError("unknown option " + arg);
            } else if (!VOICE_ID.matcher(arg).matches()) {
                return usageError("'" + arg + "' is not a voice id (like en_US-lessac-medium)");
            } else {
                ids.add(arg);
            }
        }
        if (ids.isEmpty()) {
            return usageError("name at least one voice to download");
        }
        ServerConfig config;
        try {
            config = configs.load(configFile);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return Status.FAILED;
        }
        try {
            List<String> installed = download(fetcher, ids, config.voiceCatalog(), new VoiceDirectories(config.core().workers().voiceDirs()));
            if (!installed.isEmpty()) {
                new ServerPickup(new ServerClient(ServerClient.url(config), SERVER_TIMEOUT), err, ServerPickup.WAIT).await(installed);
            }
            return installed.size() == ids.size() ? Status.OK : Status.FAILED;
        } catch (DownloadException e) {
            err.println("error: " + e.getMessage());
            return Status.FAILED;
        }
    }

    /** @return the voices installed or found installed; fewer than asked for when some failed */
    private List<String> download(HttpFetcher http, SequencedSet<String> ids, URI catalogBase, VoiceDirectories dirs) throws DownloadException {
        URI catalogUrl = VoiceCatalog.url(catalogBase, VoiceCatalog.FILE);
        err.println("reading the voice catalog " + catalogUrl);
        VoiceCatalog catalog = VoiceCatalog.parse(http.fetch(catalogUrl, MAX_CATALOG_BYTES));
        List<CatalogVoice> voices = new ArrayList<>();
        boolean unknown = false;
        for (String id : ids) {
            Optional<CatalogVoice> voice = catalog.voice(id);
            if (voice.isPresent()) {
                voices.add(voice.get());
            } else {
                unknown = true;
                List<String> matches = catalog.closeMatches(id);
                err.println("error: no voice " + id + " in the catalog"
                        + (matches.isEmpty() ? "; the list is " + catalogUrl : "; close matches: " + String.join(", ", matches)));
            }
        }
        if (unknown) {
            return List.of();
        }
        VoiceDownloader downloader = new VoiceDownloader(http, catalogBase, progress);
        Path target = null;
        List<String> installed = new ArrayList<>();
        for (CatalogVoice voice : voices) {
            Optional<Path> holding = dirs.holding(voice);
            if (holding.isPresent()) {
                out.println(voice.id() + ": already installed in " + holding.get());
                installed.add(voice.id());
                continue;
            }
            if (target == null) {
                target = dirs.firstWritable();
            }
            err.println("downloading " + voice.id() + " (" + Progress.bytes(voice.sizeBytes()) + ") into " + target);
            try {
                downloader.install(voice, target);
                out.println(voice.id() + ": installed in " + target);
                installed.add(voice.id());
            } catch (DownloadException e) {
                err.println("error: " + voice.id() + " not installed: " + e.getMessage());
            }
        }
        return installed;
    }

    private Status usageError(String message) {
        err.print(message + "\n" + USAGE);
        return Status.USAGE;
    }
}
