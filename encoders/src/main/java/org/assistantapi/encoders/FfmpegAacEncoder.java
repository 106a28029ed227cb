package org.assistantapi.encoders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AAC-LC in ADTS through an {@code ffmpeg} child process, since no pure-Java AAC encoder exists: PCM
 * goes to its stdin, and a pump thread copies its stdout to the output stream as it arrives, flushing
 * after every read. So unlike the other encoders this one writes to the output stream from its own
 * thread; every write happens before {@link #finish()} returns, and none after {@link #close()}.
 *
 * <p>The process never outlives the encoder: {@link #close()} kills it, and should the JVM die first,
 * ffmpeg sees the end of its stdin and exits by itself.
 */
final class FfmpegAacEncoder implements AudioEncoder {

    private static final String FFMPEG = "ffmpeg";
    private static final int STDERR_KEPT = 4096;

    private final OutputStream out;
    private final Process process;
    private final OutputStream stdin;
    private final Thread pump;
    private final Thread stderrDrain;
    private final ByteArrayOutputStream stderrTail = new ByteArrayOutputStream();
    private final byte[] pcm = new byte[8192];
    private volatile IOException pumpFailure;

    FfmpegAacEncoder(int sampleRate, int bitrateKbps, OutputStream out) {
        this.out = out;
        try {
            // Without the probe limits ffmpeg reads ~2 s of input before it starts encoding.
            this.process = new ProcessBuilder(List.of(FFMPEG, "-hide_banner", "-loglevel", "error",
                    "-probesize", "32", "-analyzeduration", "0",
                    "-f", "s16le", "-ar", String.valueOf(sampleRate), "-ac", "1", "-i", "pipe:0",
                    "-c:a", "aac", "-b:a", bitrateKbps + "k",
                    "-f", "adts", "-flush_packets", "1", "pipe:1")).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start ffmpeg for aac", e);
        }
        this.stdin = process.getOutputStream();
        this.pump = Thread.ofVirtual().name("ffmpeg-aac-out").start(this::pumpOutput);
        this.stderrDrain = Thread.ofVirtual().name("ffmpeg-aac-err").start(this::drainErrors);
    }

    /** Whether an ffmpeg with the AAC encoder is on the PATH; looked up once. */
    static boolean isAvailable() {
        return Availability.AVAILABLE;
    }

    @Override
    public void encode(short[] samples, int offset, int length) throws IOException {
        throwIfPumpFailed();
        for (int done = 0; done < length; ) {
            int n = Math.min(pcm.length / 2, length - done);
            for (int i = 0; i < n; i++) {
                short s = samples[offset + done + i];
                pcm[2 * i] = (byte) s;
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            try {
                stdin.write(pcm, 0, 2 * n);
                stdin.flush();
            } catch (IOException e) {
                throw failure("ffmpeg stopped taking audio", e);
            }
            done += n;
        }
    }

    @Override
    public void finish() throws IOException {
        try {
            stdin.close();
            pump.join();
            stderrDrain.join();
            int exit = process.waitFor();
            throwIfPumpFailed();
            if (exit != 0) {
                throw failure("ffmpeg exited with " + exit, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while ffmpeg finished", e);
        }
        out.flush();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            pump.join();
            stderrDrain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOutput() {
        byte[] buffer = new byte[8192];
        try (InputStream stdout = process.getInputStream()) {
            for (int n; (n = stdout.read(buffer)) >= 0; ) {
                try {
                    out.write(buffer, 0, n);
                    out.flush();
                } catch (IOException e) {
                    pumpFailure = e;            // the client is gone: stop encoding for it
                    process.destroyForcibly();
                    return;
                }
            }
        } catch (IOException e) {
            // The pipe closed under us: close() killed the process.
        }
    }

    /** Keeps the end of ffmpeg's error output for messages, so it can never block on a full pipe. */
    private void drainErrors() {
        byte[] buffer = new byte[1024];
        try (InputStream stderr = process.getErrorStream()) {
            for (int n; (n = stderr.read(buffer)) >= 0; ) {
                synchronized (stderrTail) {
                    if (stderrTail.size() + n > STDERR_KEPT) {
                        stderrTail.reset();
                    }
                    stderrTail.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The process is gone; what was read is kept.
        }
    }

    private void throwIfPumpFailed() throws IOException {
        IOException failure = pumpFailure;
        if (failure != null) {
            throw new IOException("writing aac to the output failed", failure);
        }
    }

    private IOException failure(String message, IOException cause) {
        String errors;
        synchronized (stderrTail) {
            errors = stderrTail.toString(StandardCharsets.UTF_8).strip();
        }
        return new IOException(errors.isEmpty() ? message : message + ": " + errors, cause);
    }

    /** Runs {@code ffmpeg -h encoder=aac} once, on first need. */
    private static final class Availability {
        static final boolean AVAILABLE = probe();

        private static boolean probe() {
            try {
                Process probe = new ProcessBuilder(FFMPEG, "-hide_banner", "-h", "encoder=aac")
                        .redirectErrorStream(true).start();
                probe.getOutputStream().close();
                String help = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0
                        && help.contains("Encoder aac");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
