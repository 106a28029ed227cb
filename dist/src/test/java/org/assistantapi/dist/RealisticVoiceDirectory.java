package org.assistantapi.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The compute-realistic Piper voices (engines/src/test/voices/make_realistic_voices.py, see
 * docs/developer/piper.md): the directory the generator prints, made on first use and cached
 * in the checkout's git-ignored .cache.
 */
public final class RealisticVoiceDirectory {

    public static final String X_LOW = "en_US-realistic-x_low";
    public static final String MEDIUM = "en_US-realistic-medium";

    private RealisticVoiceDirectory() {
    }

    /** @param qualities the generator's names: {@code medium}, {@code x_low} */
    public static Path of(String... qualities) throws IOException, InterruptedException {
        String[] command = new String[qualities.length + 2];
        command[0] = "/usr/bin/python3";
        command[1] = RunningServer.repo().resolve("engines/src/test/voices/make_realistic_voices.py").toString();
        System.arraycopy(qualities, 0, command, 2, qualities.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("make_realistic_voices.py failed: " + output);
        }
        return Path.of(output.substring(output.lastIndexOf('\n') + 1));
    }
}
