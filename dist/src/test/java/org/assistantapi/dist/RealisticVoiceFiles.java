package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The compute-realistic x_low Piper voice (Piper's VITS network with random weights) for ITs:
 * made by the project's generator into its cache on first use, then copied into a scratch
 * directory with the duration noise off ({@code noise_w} 0), so that a text always gets the same
 * durations and two renderings can be compared.
 */
final class RealisticVoiceFiles {

    static final String X_LOW = "en_US-realistic-x_low";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealisticVoiceFiles() {
    }

    /** A fresh directory holding the x_low voice with {@code noise_w} 0. */
    static Path deterministicXLow() throws Exception {
        Path repo = RunningServer.repo();
        Process generator = new ProcessBuilder("/usr/bin/python3",
                repo.resolve("engines/src/test/voices/make_realistic_voices.py").toString(), "x_low")
                .redirectErrorStream(true).start();
        String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, generator.waitFor(), "make_realistic_voices.py (needs python3-torch, "
                + "dist/scripts/prerequisites.sh test): " + output);
        Path cache = Path.of(output.substring(output.lastIndexOf('\n') + 1));
        Path dir = ScratchFiles.directory("realistic-voice");
        Files.copy(cache.resolve(X_LOW + ".onnx"), dir.resolve(X_LOW + ".onnx"));
        ObjectNode config = (ObjectNode) JSON.readTree(cache.resolve(X_LOW + ".onnx.json").toFile());
        ((ObjectNode) config.get("inference")).put("noise_w", 0.0);
        JSON.writeValue(dir.resolve(X_LOW + ".onnx.json").toFile(), config);
        return dir;
    }
}
