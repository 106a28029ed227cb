package org.assistantapi.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Decodes audio with the machine's ffmpeg/ffprobe, the way a client's player would. */
final class Ffmpeg {

    /** What ffprobe says of a stream, and its samples decoded at its own rate. */
    record Decoded(String codec, int sampleRate, int channels, short[] samples) {
        double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    private static final Pattern STREAM = Pattern.compile(
            "codec_name=(\\S+).*?sample_rate=(\\d+).*?channels=(\\d+)", Pattern.DOTALL);

    private Ffmpeg() {
    }

    static Decoded decode(byte[] audio, String inputFormat) throws IOException, InterruptedException {
        String probe = new String(run(audio, "ffprobe", "-v", "error", "-f", inputFormat, "-show_entries",
                "stream=codec_name,sample_rate,channels", "-of", "default=noprint_wrappers=1", "-i", "pipe:0"),
                StandardCharsets.UTF_8);
        Matcher m = STREAM.matcher(probe);
        if (!m.find()) {
            throw new IOException("ffprobe found no audio stream: " + probe);
        }
        int rate = Integer.parseInt(m.group(2));
        byte[] pcm = run(audio, "ffmpeg", "-v", "error", "-f", inputFormat, "-i", "pipe:0",
                "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", "-ar", String.valueOf(rate), "pipe:1");
        short[] samples = new short[pcm.length / 2];
        ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return new Decoded(m.group(1), rate, Integer.parseInt(m.group(3)), samples);
    }

    private static byte[] run(byte[] input, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // ffprobe may stop reading early once it has what it needs
            }
        });
        byte[] output;
        try (InputStream out = process.getInputStream()) {
            output = out.readAllBytes();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
        feed.join();
        return output;
    }
}
