package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's commands and their exit codes: 0 done, 1 failed, 2 command-line mistake. */
class CliIT {

    @Test
    void helpAndUsageMistakes() throws Exception {
        SystemdIT.Result help = cli("--help");
        assertEquals(0, help.exitCode());
        for (String command : List.of("serve", "prewarm", "voices list", "voices download", "say")) {
            assertTrue(help.output().contains("assistant-api " + command), command + " missing from\n" + help.output());
        }
        assertEquals(0, cli("prewarm", "--help").exitCode());
        assertEquals(0, cli("say", "--help").exitCode());
        assertEquals(2, cli().exitCode());
        assertEquals(2, cli("speak").exitCode());
        assertEquals(2, cli("prewarm", "--bogus").exitCode());
        assertEquals(2, cli("say").exitCode());
    }

    @Test
    void commandsThatNeedTheServerSaySoWhenItIsNotThere() throws Exception {
        SystemdIT.Result list = cli("voices", "list", "--url", "http://127.0.0.1:1");
        assertEquals(1, list.exitCode());
        assertTrue(list.output().contains("cannot connect to the server at http://127.0.0.1:1"), list.output());
        assertEquals(1, cli("prewarm", "--url", "http://127.0.0.1:1", "espeak:en-us").exitCode());
    }

    @Test
    void prewarmAndListTalkToTheRunningServer() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\n")) {
            String url = "http://127.0.0.1:" + server.port;
            SystemdIT.Result list = cli("voices", "list", "--url", url);
            assertEquals(0, list.exitCode(), list.output());
            assertTrue(list.output().contains("espeak:en-us"), list.output());

            SystemdIT.Result prewarm = cli("prewarm", "--url", url, "espeak:en-us");
            assertEquals(0, prewarm.exitCode(), prewarm.output());
            assertTrue(prewarm.output().matches("(?s).*espeak:en-us: ready in \\d+ ms.*"), prewarm.output());

            SystemdIT.Result unknown = cli("prewarm", "--url", url, "espeak:en-us", "no-such-voice");
            assertEquals(1, unknown.exitCode(), unknown.output());
            assertTrue(unknown.output().contains("no-such-voice"), unknown.output());
        }
    }

    @Test
    void saySpeaksIntoAFileWithoutAServer(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "workers:\n  count: 1\n");
        Path out = dir.resolve("hello.wav");
        SystemdIT.Result say = cli("say", "--config", config.toString(), "-o", out.toString(), "Hello from the command line.");
        assertEquals(0, say.exitCode(), say.output());
        Wav wav = Wav.parse(Files.readAllBytes(out));
        assertTrue(wav.samples().length > 22050 / 2, "at least half a second of speech");

        SystemdIT.Result badVoice = cli("say", "--config", config.toString(), "-o", dir.resolve("x.mp3").toString(),
                "--voice", "no-such-voice", "Hello.");
        assertEquals(1, badVoice.exitCode(), badVoice.output());
        assertTrue(badVoice.output().contains("no-such-voice"), badVoice.output());
    }

    private static SystemdIT.Result cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RunningServer.home().resolve("bin/assistant-api").toString()));
        command.addAll(List.of(args));
        return SystemdIT.run(command);
    }
}
