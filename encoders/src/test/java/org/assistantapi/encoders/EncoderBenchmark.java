package org.assistantapi.encoders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Encodes the same minute of speech-like 22.05 kHz audio (espeak-ng's rate, fed in its 1081-sample
 * chunks) with each encoder and, in the same run, with the native Debian tools doing the same job, and
 * prints speeds as multiples of real time; then what LAME's quality and Opus' complexity trade
 * (alone with {@code -Dexec.args=quality}). Not a unit test; run it with
 * {@code ./mvnw -q -pl encoders test-compile exec:java} (see docs/developer/encoders.md).
 */
public final class EncoderBenchmark {

    private static final int RATE = 22050;
    private static final int SECONDS = 60;
    private static final int RUNS = 5;
    private static final int QUALITY_SECONDS = 5;
    private static final int MAX_LAG = 2400;

    private EncoderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        short[] pcm = TestAudio.speechLike(RATE, SECONDS);
        if (args.length > 0 && args[0].equals("quality")) {
            quality(pcm); // needs only ffmpeg, not the native encoders
            return;
        }
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
            quality(pcm);
        } finally {
            Files.delete(raw);
        }
    }

    /**
     * What LAME's quality and Opus' complexity trade: for each setting, the bytes, the encoding speed
     * and, after decoding with ffmpeg back to the input's rate and aligning, the waveform SNR and
     * correlation against the input over its first {@link #QUALITY_SECONDS} seconds. A rough proxy
     * (lossy codecs do not aim at the waveform), comparable only between settings of one codec.
     */
    private static void quality(short[] pcm) throws IOException {
        EncoderSettings defaults = EncoderSettings.defaults();
        System.out.printf(Locale.ROOT, "%nquality against cost (decoded by ffmpeg at %d Hz, first %d s aligned)%n", RATE,
                QUALITY_SECONDS);
        System.out.printf(Locale.ROOT, "%-12s %10s %10s %10s %12s%n", "setting", "×RT", "bytes", "SNR dB", "correlation");
        for (int q : new int[] {2, 5, 7, 9}) {
            printQuality("mp3 q" + q, pcm, AudioFormat.MP3, RATE, new EncoderSettings(defaults.mp3BitrateKbps(), q,
                    defaults.opusBitrateKbps(), defaults.opusComplexity(), defaults.opusPageIntervalMs(),
                    defaults.aacBitrateKbps()));
        }
        for (int c : new int[] {10, 5, 3, 2, 1, 0}) {
            printQuality("opus c" + c, pcm, AudioFormat.OPUS, 48000, new EncoderSettings(defaults.mp3BitrateKbps(),
                    defaults.mp3Quality(), defaults.opusBitrateKbps(), c, defaults.opusPageIntervalMs(),
                    defaults.aacBitrateKbps()));
        }
    }

    private static void printQuality(String name, short[] pcm, AudioFormat format, int outputRate,
                                     EncoderSettings settings) throws IOException {
        long best = Long.MAX_VALUE;
        for (int run = 0; run <= RUNS; run++) {
            long start = System.nanoTime();
            encode(pcm, format, outputRate, settings);
            best = run == 0 ? best : Math.min(best, System.nanoTime() - start);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (AudioEncoder encoder = Encoders.open(format, RATE, outputRate, settings, bytes)) {
            TestAudio.encodeAll(encoder, pcm, TestAudio.ESPEAK_CHUNK);
        }
        Path file = Files.createTempFile("quality", "." + format.id());
        try {
            Files.write(file, bytes.toByteArray());
            short[] decoded = TestAudio.fromLittleEndian(Ffmpeg.run(List.of("ffmpeg", "-v", "error", "-i", file.toString(),
                    "-ar", String.valueOf(RATE), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1")), 0);
            short[] expected = Arrays.copyOf(pcm, RATE * QUALITY_SECONDS);
            int lag = bestLag(expected, decoded);
            double[] reference = new double[expected.length];
            for (int i = 0; i < expected.length; i++) {
                reference[i] = expected[i];
            }
            short[] aligned = Arrays.copyOfRange(decoded, lag, lag + expected.length);
            System.out.printf(Locale.ROOT, "%-12s %10.0f %10d %10.1f %12.4f%n", name, SECONDS * 1e9 / best, bytes.size(),
                    TestAudio.snrDb(reference, aligned, 0, expected.length), TestAudio.correlation(expected, decoded, lag));
        } finally {
            Files.delete(file);
        }
    }

    /** The decoder's delay: the lag with the best correlation, up to two MP3 frames and a bit. */
    private static int bestLag(short[] expected, short[] decoded) {
        int best = 0;
        double bestCorrelation = -1;
        for (int lag = 0; lag <= MAX_LAG; lag++) {
            double correlation = TestAudio.correlation(expected, decoded, lag);
            if (correlation > bestCorrelation) {
                best = lag;
                bestCorrelation = correlation;
            }
        }
        return best;
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
