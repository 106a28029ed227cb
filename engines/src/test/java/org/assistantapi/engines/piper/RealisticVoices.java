package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The compute-realistic Piper voices (Piper's VITS network with random weights), made on demand by
 * {@code src/test/voices/make_realistic_voices.py} and cached in the repository's git-ignored
 * {@code .cache/voices/<hash of the generator>/}. The first call after a change of the generator
 * takes a minute or more; later ones return at once.
 */
public final class RealisticVoices {

    /** A quality Piper trains, as the generator names it. */
    public enum Quality {
        /** 22050 Hz, 15.65 M parameters, ~63 MB: what most Piper voices are. */
        MEDIUM("medium"),
        /** 16000 Hz, ~5 M parameters: the cheapest, for tests. */
        X_LOW("x_low");

        private final String generatorName;

        Quality(String generatorName) {
            this.generatorName = generatorName;
        }

        /** The voice's id in the returned directory. */
        public String voiceId() {
            return "en_US-realistic-" + generatorName;
        }
    }

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String GENERATOR = "engines/src/test/voices/make_realistic_voices.py";

    private RealisticVoices() {
    }

    /**
     * The directory holding the voices of the given qualities, generating those not cached yet.
     *
     * @throws IOException when the generator fails (its output is in the message)
     */
    public static Path directory(Quality... qualities) throws IOException, InterruptedException {
        Path repository = repositoryRoot();
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), repository.resolve(GENERATOR).toString()));
        for (Quality quality : qualities) {
            command.add(quality.generatorName);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.waitFor() != 0) {
            throw new IOException("make_realistic_voices.py failed (needs Debian's python3-torch and python3-onnx, "
                    + "see dist/scripts/prerequisites.sh): " + output);
        }
        // The directory is the last line; anything before it is the generator's chatter.
        return Path.of(output.substring(output.lastIndexOf('\n') + 1));
    }

    /**
     * A copy of a voice in {@code into} whose {@code .onnx.json} sets the named noise scales
     * ({@code noise_scale}, {@code noise_w}) to 0, so every run of a text draws the same audio.
     *
     * @return the voice's id in {@code into}
     */
    public static String copyWithoutNoise(Quality quality, Path into, String... scales)
            throws IOException, InterruptedException {
        Path source = directory(quality);
        String id = quality.voiceId();
        Files.copy(source.resolve(id + ".onnx"), into.resolve(id + ".onnx"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(source.resolve(id + ".onnx.json").toFile());
        for (String scale : scales) {
            ((ObjectNode) config.get("inference")).put(scale, 0.0);
        }
        json.writeValue(into.resolve(id + ".onnx.json").toFile(), config);
        return id;
    }

    /** The checkout's root, found upwards from the working directory (a module's, under Maven). */
    private static Path repositoryRoot() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(GENERATOR))) {
                return dir;
            }
        }
        throw new IOException(GENERATOR + " not found above " + Path.of("").toAbsolutePath());
    }
}
