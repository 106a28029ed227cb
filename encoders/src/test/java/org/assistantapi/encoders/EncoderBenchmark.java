package org.assistantapi.encoders;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Encodes the same minute of speech-like 22.05 kHz audio (espeak-ng's rate, fed in its 1081-sample
 * chunks) with each encoder and, in the same run, with the native Debian tools doing the same job, and
 * prints speeds as multiples of real time. Not a unit test; run it with
 * {@code ./mvnw -q -pl encoders test-compile exec:java} (see docs/developer/encoders.md).
 */
public final class EncoderBenchmark {

    private static final int RATE = 22050;
    private static final int SECONDS = 60;
    private static final int RUNS = 5;

    private EncoderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        short[] pcm = TestAudio.speechLike(RATE, SECONDS);
        Path raw = Files.createTempFile("benchmark", ".raw");
        try {
            Files.write(raw, TestAudio.toLittleEndian(pcm));
            EncoderSettings settings = EncoderSettings.defaults();
            String rate = String.valueOf(RATE);
            List<String> rows = new ArrayList<>();
            rows.add(compare("mp3 22.05 kHz " + settings.mp3BitrateKbps() + " kb/s q" + settings.mp3Quality(),
                    pcm, AudioFormat.MP3, RATE, settings, raw,
                    "lame", "--quiet", "-r", "-s", "22.05", "--bitwidth", "16", "--signed", "--little-endian",
                    "-m", "m", "--cbr", "-b", String.valueOf(settings.mp3BitrateKbps()),
                    "-q", String.valueOf(settings.mp3Quality()), "-", "-"));
            rows.add(compare("opus 22.05→48 kHz " + settings.opusBitrateKbps() + " kb/s c" + settings.opusComplexity(),
                    pcm, AudioFormat.OPUS, 48000, settings, raw,
                    "opusenc", "--quiet", "--raw", "--raw-rate", rate, "--raw-chan", "1",
                    "--bitrate", String.valueOf(settings.opusBitrateKbps()),
                    "--comp", String.valueOf(settings.opusComplexity()), "--framesize", "20", "-", "-"));
            rows.add(compare("flac 22.05 kHz (vs flac -0: fixed predictors)", pcm, AudioFormat.FLAC, RATE, settings, raw,
                    "flac", "--silent", "-0", "--force-raw-format", "--endian=little", "--sign=signed",
                    "--channels=1", "--bps=16", "--sample-rate=" + rate, "-c", "-"));
            rows.add(compare("aac 22.05 kHz " + settings.aacBitrateKbps() + " kb/s (vs ffmpeg alone)",
                    pcm, AudioFormat.AAC, RATE, settings, raw,
                    "ffmpeg", "-v", "error", "-f", "s16le", "-ar", rate, "-ac", "1", "-i", "pipe:0",
                    "-c:a", "aac", "-b:a", settings.aacBitrateKbps() + "k", "-f", "adts", "pipe:1"));
            rows.add(compare("pcm 22.05→24 kHz (vs sox rate -h)", pcm, AudioFormat.PCM, 24000, settings, raw,
                    "sox", "-t", "raw", "-r", rate, "-e", "signed", "-b", "16", "-c", "1", "-",
                    "-t", "raw", "-r", "24000", "-", "rate", "-h"));
            rows.add(compare("wav 22.05→48 kHz (vs sox rate -h)", pcm, AudioFormat.WAV, 48000, settings, raw,
                    "sox", "-t", "raw", "-r", rate, "-e", "signed", "-b", "16", "-c", "1", "-",
                    "-t", "wav", "-r", "48000", "-", "rate", "-h"));
            System.out.printf(Locale.ROOT, "%d s of speech-like audio at %d Hz, in %d-sample chunks; best of %d alternating runs%n",
                    SECONDS, RATE, TestAudio.ESPEAK_CHUNK, RUNS);
            System.out.printf(Locale.ROOT, "%-48s %12s %12s %10s %12s %12s%n",
                    "encoder", "java ×RT", "native ×RT", "java/nat.", "java bytes", "native bytes");
            rows.forEach(System.out::println);
        } finally {
            Files.delete(raw);
        }
    }

    /**
     * Times our encoder and the native command alternately, after one warm-up of each, so that load
     * from elsewhere on the machine hits both alike; keeps the best of {@link #RUNS} runs of each.
     */
    private static String compare(String name, short[] pcm, AudioFormat format, int outputRate,
                                  EncoderSettings settings, Path raw, String... command)
            throws IOException, InterruptedException {
        long javaBest = Long.MAX_VALUE;
        long nativeBest = Long.MAX_VALUE;
        long javaBytes = 0;
        long nativeBytes = 0;
        for (int run = 0; run <= RUNS; run++) {
            long start = System.nanoTime();
            javaBytes = encode(pcm, format, outputRate, settings);
            long javaTime = System.nanoTime() - start;
            start = System.nanoTime();
            nativeBytes = runNative(raw, command);
            long nativeTime = System.nanoTime() - start;
            if (run > 0) {
                javaBest = Math.min(javaBest, javaTime);
                nativeBest = Math.min(nativeBest, nativeTime);
            }
        }
        double javaSpeed = SECONDS * 1e9 / javaBest;
        double nativeSpeed = SECONDS * 1e9 / nativeBest;
        return String.format(Locale.ROOT, "%-48s %12.0f %12.0f %10.2f %12d %12d", name, javaSpeed, nativeSpeed,
                javaSpeed / nativeSpeed, javaBytes, nativeBytes);
    }

    private static long encode(short[] pcm, AudioFormat format, int outputRate, EncoderSettings settings)
            throws IOException {
        CountingStream out = new CountingStream();
        try (AudioEncoder encoder = Encoders.open(format, RATE, outputRate, settings, out)) {
            TestAudio.encodeAll(encoder, pcm, TestAudio.ESPEAK_CHUNK);
        }
        return out.count;
    }

    /** A native tool reading the raw file on stdin and writing to stdout, timed from start to exit. */
    private static long runNative(Path raw, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(raw.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long count = process.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (process.waitFor() != 0) {
            throw new IOException(command[0] + " failed");
        }
        return count;
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
