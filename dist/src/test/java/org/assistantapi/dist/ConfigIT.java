package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A configuration the server cannot honour stops start-up with a message naming the key. */
class ConfigIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key     | server:\\n  prot: 8000\\n                 | server.prot",
            "unknown section | sever:\\n  port: 8000\\n                  | sever.port",
            "bad number      | server:\\n  port: eighty\\n              | server.port",
            "out of range    | workers:\\n  count: 0\\n                 | workers.count",
            "not a list      | voices:\\n  dirs: /srv/voices\\n          | voices.dirs",
            "bad level       | logging:\\n  level: LOUD\\n              | logging.level",
            "tuning range    | encoders:\\n  mp3_bitrate_kbps: 999\\n  | encoders.mp3_bitrate_kbps",
            "bad instance id | server:\\n  instance_id: Kitchen.1\\n     | server.instance_id",
            "bad choice      | scheduling:\\n  order: fifo\\n           | scheduling.order",
            "bad network     | wyoming:\\n  allowed_clients: [10.0.0.0/33]\\n | wyoming.allowed_clients",
            "host name       | wyoming:\\n  allowed_clients: [homeassistant.lan]\\n | wyoming.allowed_clients",
    })
    void badConfigurationStopsStartup(String name, String yaml, String key) throws Exception {
        Path config = ScratchFiles.directory("config").resolve("config.yaml");
        Files.writeString(config, yaml.replace("\\n", "\n"));
        Process process = new ProcessBuilder(RunningServer.home().resolve("bin/assistant-api").toString(),
                "serve", "--config", config.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertTrue(output.contains("'" + key + "'"), "names " + key + ": " + output);
    }

    /** Engine and encoder keys reach the workers: here the MP3 bit rate sets the stream's size. */
    @org.junit.jupiter.api.Test
    void tuningKeysReachTheWorkers() throws Exception {
        try (RunningServer server = RunningServer.start("workers:\n  count: 1\nencoders:\n  mp3_bitrate_kbps: 32\n")) {
            java.net.http.HttpResponse<byte[]> mp3 = server.postJson("/v1/audio/speech",
                    "{\"input\":\"The garage door is closed and the alarm is set.\",\"voice\":\"espeak:en-us\"}");
            Ffmpeg.Decoded decoded = Ffmpeg.decode(mp3.body(), "mp3");
            double kbps = mp3.body().length * 8 / 1000.0 / decoded.seconds();
            assertEquals(32, kbps, 2, "bit rate of the stream");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no command   | ''     | 2",
            "help         | --help | 0",
            "unknown      | speak  | 2",
    })
    void commandLine(String name, String argument, int exitCode) throws Exception {
        ProcessBuilder builder = argument.isEmpty()
                ? new ProcessBuilder(RunningServer.home().resolve("bin/assistant-api").toString())
                : new ProcessBuilder(RunningServer.home().resolve("bin/assistant-api").toString(), argument);
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(exitCode, process.exitValue(), output);
        assertTrue(output.contains("Usage: assistant-api"), output);
    }
}
