package org.assistantapi.api.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.assistantapi.api.config.ConfigException;

/**
 * A command's arguments: options that take a value ({@code --config PATH}), {@code --help}, and
 * the other arguments in order. A mistake is an {@link IllegalArgumentException} whose message is
 * for the user.
 */
record Arguments(Map<String, String> options, List<String> operands, boolean help) {

    static Arguments parse(List<String> args, Set<String> valueOptions) {
        Map<String, String> options = new HashMap<>();
        List<String> operands = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (valueOptions.contains(arg)) {
                if (++i == args.size()) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                options.put(arg, args.get(i));
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else {
                operands.add(arg);
            }
        }
        return new Arguments(Map.copyOf(options), List.copyOf(operands), help);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    Optional<Path> config() {
        return option("--config").map(Path::of);
    }

    /** The running server to talk to: {@code --url}, else where the configuration says it listens. */
    ServerClient client(VoicesCommand.ConfigLoader configs, Duration timeout) throws ConfigException {
        Optional<String> url = option("--url");
        URI base = url.isPresent() ? URI.create(url.get()) : ServerClient.url(configs.load(config()));
        if (!"http".equals(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("--url must be an http URL like http://127.0.0.1:8000");
        }
        return new ServerClient(base, timeout);
    }
}
