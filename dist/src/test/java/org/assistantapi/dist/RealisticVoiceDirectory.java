package org.assistantapi.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The compute-realistic Piper voices (engines/src/test/voices/make_realistic_voices.py, see
 * docs/developer/piper.md): the directory the generator prints, made on first use and cached
 * in the checkout's git-ignored .cache; or, for ITs that compare renderings, a copy of the x_low
 * voice with the duration noise off.
 */
public final class RealisticVoiceDirectory {

    public static final String X_LOW = "en_US-realistic-x_low";
    public static final String MEDIUM = "en_US-realistic-medium";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    /**
     * A fresh scratch directory holding the x_low voice with {@code noise_w} 0, so that a text
     * always gets the same durations and two renderings can be compared.
     */
    public static Path deterministicXLow() throws IOException, InterruptedException {
        Path cache = of("x_low");
        Path dir = ScratchFiles.directory("realistic-voice");
        Files.copy(cache.resolve(X_LOW + ".onnx"), dir.resolve(X_LOW + ".onnx"));
        ObjectNode config = (ObjectNode) JSON.readTree(cache.resolve(X_LOW + ".onnx.json").toFile());
        ((ObjectNode) config.get("inference")).put("noise_w", 0.0);
        JSON.writeValue(dir.resolve(X_LOW + ".onnx.json").toFile(), config);
        return dir;
    }
}
