package org.assistantapi.api.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.assistantapi.api.cli.VoicesCommand.ConfigLoader;
import org.assistantapi.api.cli.VoicesCommand.Status;
import org.assistantapi.api.config.ConfigException;

/**
 * The command line of a command that calls the running server ({@code [--config PATH | --url URL]
 * [OPERAND...]}): shows the usage on {@code --help}, reports mistakes, and finds the server.
 */
final class ServerCommandLine {

    /** What the command line comes to: a finished command, or a server to call with the operands. */
    sealed interface Outcome {
    }

    /** Help was shown or a mistake reported: the command ends with this status. */
    record Done(Status status) implements Outcome {
    }

    record Call(ServerClient client, List<String> operands) implements Outcome {
    }

    private ServerCommandLine() {
    }

    static Outcome parse(List<String> args, boolean takesOperands, Duration timeout, String usage,
                         ConfigLoader configs, PrintStream out, PrintStream err) {
        try {
            Arguments arguments = Arguments.parse(args, Set.of("--config", "--url"));
            if (arguments.help()) {
                out.print(usage);
                return new Done(Status.OK);
            }
            if (!takesOperands && !arguments.operands().isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + arguments.operands().getFirst() + "'");
            }
            return new Call(arguments.client(configs, timeout), arguments.operands());
        } catch (IllegalArgumentException e) {
            err.print(e.getMessage() + "\n" + usage);
            return new Done(Status.USAGE);
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return new Done(Status.FAILED);
        }
    }
}
