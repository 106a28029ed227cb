package org.assistantapi.encoders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Decodes and probes with the real tools on the PATH (the project's setup installs them). */
final class Ffmpeg {

    private Ffmpeg() {
    }

    /** What ffprobe says of the first audio stream and the container. */
    record Probe(String codec, int sampleRate, int channels, double duration) {
    }

    /** Decodes {@code file} to 16-bit mono samples at its own rate. */
    static short[] decode(Path file) throws IOException {
        byte[] raw = run(List.of("ffmpeg", "-v", "error", "-i", file.toString(), "-f", "s16le", "-acodec", "pcm_s16le",
                "pipe:1"));
        return TestAudio.fromLittleEndian(raw, 0);
    }

    static Probe probe(Path file) throws IOException {
        String text = new String(run(List.of("ffprobe", "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=codec_name,sample_rate,channels:format=duration",
                "-of", "default=noprint_wrappers=1", file.toString())), StandardCharsets.UTF_8);
        Map<String, String> fields = new HashMap<>();
        text.lines().map(line -> line.split("=", 2)).filter(kv -> kv.length == 2)
                .forEach(kv -> fields.putIfAbsent(kv[0].strip(), kv[1].strip()));
        return new Probe(fields.get("codec_name"), Integer.parseInt(fields.get("sample_rate")),
                Integer.parseInt(fields.get("channels")), duration(fields.getOrDefault("duration", "N/A")));
    }

    /** A duration in seconds, NaN when the container does not say (a streamed flac or wav). */
    private static double duration(String text) {
        return text.equals("N/A") ? Double.NaN : Double.parseDouble(text);
    }

    /** Runs a tool, returning its stdout; stderr is merged into the exception on failure. */
    static byte[] run(List<String> command) throws IOException {
        Path errors = Files.createTempFile("tool", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false)
                    .redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IOException(command.getFirst() + " exited " + exit + ": " + Files.readString(errors));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.delete(errors);
        }
    }

    /** Runs a tool and returns stdout and stderr together, whatever its exit code. */
    static String runForText(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            return "exit " + process.waitFor() + "\n" + text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
