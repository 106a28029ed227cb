package org.assistantapi.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.workers.protocol.Frame;
import org.assistantapi.workers.protocol.FrameCodec;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.ToWorker;
import org.assistantapi.workers.protocol.VoiceDescriptor;

/**
 * One worker JVM and its pipes: frames to its stdin, frames from its stdout routed to the streams
 * of their jobs, its stderr logged under its id. When the process dies, every stream it served
 * fails, so no client takes a cut-off stream for a complete one.
 */
final class WorkerProcess implements WorkerLink {

    /** glibc keeps freed blocks up to this size for reuse (see {@link #start}): 256 MiB. */
    private static final String MALLOC_THRESHOLD_BYTES = String.valueOf(256L << 20);

    private static final Logger LOG = Logger.getLogger(WorkerProcess.class.getName());
    private static final AtomicLong REQUEST_IDS = new AtomicLong();
    /** Exit statuses of a process killed by SIGILL, SIGABRT, SIGBUS, SIGFPE or SIGSEGV (128 + signal). */
    private static final Set<Integer> CRASH_STATUSES = Set.of(132, 134, 135, 136, 139);

    private final String id;
    private final Process process;
    private final SynthesisMeter meter;
    private final PlaybackMeter playback;
    private final CrashingTexts crashingTexts;
    private final FrameCodec.Writer writer;
    private final Map<Long, AudioStream> streams = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<List<FromWorker.VoiceLoad>>> prewarms = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<FromWorker.Phonemized>> dryRuns = new ConcurrentHashMap<>();
    private final CompletableFuture<FromWorker.Ready> ready = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile long lastPingNanos = System.nanoTime();
    private volatile long lastPongNanos = System.nanoTime();
    private volatile int reportedActiveJobs;
    private final Set<String> loadedVoices = ConcurrentHashMap.newKeySet();
    private final QueuedWork queuedWork = new QueuedWork();
    private final Consumer<WorkerProcess> onVoicesChanged;
    /** The job segment the worker's engine was last about to read. */
    private volatile FromWorker.Speaking speaking;
    /** Core stopped or killed it: its death says nothing about a text. */
    private volatile boolean stoppedByCore;
    private volatile List<VoiceDescriptor> voices = List.of();

    private WorkerProcess(String id, Process process, SynthesisMeter meter, PlaybackMeter playback,
                          CrashingTexts crashingTexts, Consumer<WorkerProcess> onVoicesChanged) {
        this.id = id;
        this.process = process;
        this.meter = meter;
        this.playback = playback;
        this.onVoicesChanged = onVoicesChanged;
        this.crashingTexts = crashingTexts;
        this.writer = new FrameCodec.Writer(new BufferedOutputStream(process.getOutputStream()));
    }

    /**
     * Starts the process; {@code meter} adds up what its jobs speak, {@code playback} how their
     * listeners fared, {@code crashingTexts} learns
     * the text it crashes on, {@code onVoicesChanged} runs on
     * the reader thread when it reports new voices after its {@code Ready}, {@code onExit} runs once,
     * on the reader thread, when it is gone.
     */
    static WorkerProcess start(String id, List<String> command, SynthesisMeter meter, PlaybackMeter playback,
                               CrashingTexts crashingTexts, Consumer<WorkerProcess> onVoicesChanged,
                               Consumer<WorkerProcess> onExit) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        // ONNX Runtime 1.29 collects telemetry for Microsoft unless told not to.
        builder.environment().putIfAbsent("ORT_DISABLE_TELEMETRY", "1");
        // ONNX Runtime runs without its arena (PiperModel), so every inference mallocs its tensors,
        // tens of MB each, afresh. glibc's defaults hand such blocks back to the kernel (mmap'd,
        // or trimmed off the heap) on free, and the next inference faults every page in again:
        // a windowed medium voice spent half its worker CPU on page faults. Both thresholds must
        // be set (one alone fixes the other at its small default), and one arena: the synthesis
        // thread's own arena is made of 64 MB heaps that glibc still drops when they empty. The
        // operator's values win.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "1");
        builder.environment().putIfAbsent("MALLOC_MMAP_THRESHOLD_", MALLOC_THRESHOLD_BYTES);
        builder.environment().putIfAbsent("MALLOC_TRIM_THRESHOLD_", MALLOC_THRESHOLD_BYTES);
        Process process = builder.start();
        WorkerProcess worker = new WorkerProcess(id, process, meter, playback, crashingTexts, onVoicesChanged);
        Thread.ofPlatform().name(id + "-stdout").daemon().start(() -> worker.readFrames(onExit));
        Thread.ofPlatform().name(id + "-stderr").daemon().start(worker::logStderr);
        return worker;
    }

    String id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    CompletableFuture<FromWorker.Ready> ready() {
        return ready;
    }

    /** The voices it can speak now, as it last reported them. */
    List<VoiceDescriptor> voices() {
        return voices;
    }

    /** Whether it ever said it was ready (it may have died since). */
    boolean wasReady() {
        return ready.isDone() && !ready.isCompletedExceptionally();
    }

    boolean isReady() {
        return wasReady() && process.isAlive();
    }

    /** Jobs with a stream open on this worker, as core counts them. */
    int activeStreams() {
        return streams.size();
    }

    /** Seconds of compute the text sent and not yet spoken will take, at each voice's measured cost. */
    double queuedWorkSeconds() {
        return queuedWork.seconds(meter);
    }

    /** Jobs in hand as the worker said at its last heartbeat (includes cancelled jobs not yet dropped). */
    int reportedActiveJobs() {
        return reportedActiveJobs;
    }

    /** Answered by the worker's synthesis thread, so a worker stuck in an engine stops answering. */
    void ping(long sequence) {
        lastPingNanos = System.nanoTime();
        send(new ToWorker.Ping(sequence));
    }

    /** Whether the worker has this voice loaded, as far as core knows (its last heartbeat, and jobs since). */
    boolean hasLoaded(String voice) {
        return loadedVoices.contains(voice);
    }

    /** Streams not yet started: their jobs wait for their voice to load or for their turn. */
    int queuedStreams() {
        return (int) streams.values().stream().filter(AudioStream::waitingToStart).count();
    }

    /** Ends streams whose readers have taken nothing for this long although audio was waiting. */
    void abandonStalledStreams(long stallMillis) {
        streams.values().forEach(stream -> stream.cancelIfStalled(stallMillis));
    }

    WorkerStatus status() {
        return new WorkerStatus(id, process.pid(), isReady(), streams.size(), reportedActiveJobs,
                List.copyOf(new java.util.TreeSet<>(loadedVoices)), uptimeMillis() / 1000, queuedWorkSeconds());
    }

    long millisSincePing() {
        return (System.nanoTime() - lastPingNanos) / 1_000_000;
    }

    long millisSincePong() {
        return (System.nanoTime() - lastPongNanos) / 1_000_000;
    }

    long uptimeMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    @Override
    public void startJob(AudioStream stream, ToWorker.StartJob job) {
        streams.put(stream.jobId(), stream);
        loadedVoices.add(job.voice());
        queuedWork.started(job.jobId(), job.voice(), job.text());
        send(job);
        if (!process.isAlive()) {
            failStream(stream);
        }
    }

    /** The stream's reader left: the worker stops the job at its next chunk. */
    @Override
    public void cancel(AudioStream stream) {
        queuedWork.ended(stream.jobId());
        if (streams.remove(stream.jobId()) != null) {
            send(new ToWorker.Cancel(stream.jobId()));
        }
    }

    @Override
    public void appendText(long jobId, int segment, String text) {
        send(new ToWorker.AppendText(jobId, segment, text));
    }

    @Override
    public void endText(long jobId) {
        send(new ToWorker.EndText(jobId));
    }

    @Override
    public void credit(long jobId, int frames) {
        send(new ToWorker.Credit(jobId, frames));
    }

    CompletableFuture<List<FromWorker.VoiceLoad>> prewarm(List<String> voices) {
        long requestId = REQUEST_IDS.incrementAndGet();
        CompletableFuture<List<FromWorker.VoiceLoad>> answer = new CompletableFuture<>();
        prewarms.put(requestId, answer);
        send(new ToWorker.Prewarm(requestId, voices));
        return answer;
    }

    /** Asks for a dry run of a text; the answer comes on the reader thread, or fails when the worker exits. */
    CompletableFuture<FromWorker.Phonemized> phonemize(String voice, String text, boolean rawText) {
        long requestId = REQUEST_IDS.incrementAndGet();
        CompletableFuture<FromWorker.Phonemized> answer = new CompletableFuture<>();
        dryRuns.put(requestId, answer);
        send(new ToWorker.Phonemize(requestId, voice, text, rawText));
        return answer;
    }

    /** Sends a frame; a dead pipe is not an error here, the reader thread reports the death. */
    void send(ToWorker frame) {
        if (frame instanceof ToWorker.AppendText append) {
            queuedWork.appended(append.jobId(), append.segment(), append.text());
        }
        try {
            writer.write(frame);
        } catch (IOException e) {
            LOG.fine(id + ": could not send " + frame.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Kills the process at once (it hung, or the server is going down). */
    void kill() {
        stoppedByCore = true;
        process.destroyForcibly();
    }

    /** Closes its stdin, which tells the worker to exit; kills it if it has not within the grace time. */
    void stop(long graceMillis) {
        stoppedByCore = true;
        try {
            process.getOutputStream().close();
            if (!process.waitFor(graceMillis, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void readFrames(Consumer<WorkerProcess> onExit) {
        FrameCodec.Reader reader = new FrameCodec.Reader(new BufferedInputStream(process.getInputStream(), 64 * 1024));
        try {
            for (Frame frame = reader.read(); frame != null; frame = reader.read()) {
                if (frame instanceof FromWorker fromWorker) {
                    dispatch(fromWorker);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, id + ": broken frame stream", e);
        } finally {
            process.destroyForcibly();
            waitForExit();
            LOG.warning(id + " (pid " + process.pid() + ") exited" + exitDescription());
            ready.completeExceptionally(new IOException(id + " exited before it was ready"));
            failStreams();
            prewarms.values().forEach(p -> p.completeExceptionally(new IOException(id + " exited")));
            dryRuns.values().forEach(p -> p.completeExceptionally(new IOException(id + " exited")));
            onExit.accept(this);
        }
    }

    private void dispatch(FromWorker frame) {
        switch (frame) {
            case FromWorker.Ready r -> {
                lastPongNanos = System.nanoTime();
                voices = r.voices();
                ready.complete(r);
            }
            case FromWorker.CatalogChanged c -> {
                voices = c.voices();
                onVoicesChanged.accept(this);
            }
            case FromWorker.Pong pong -> {
                lastPongNanos = System.nanoTime();
                reportedActiveJobs = pong.activeJobs();
                loadedVoices.retainAll(pong.loadedVoices());
                loadedVoices.addAll(pong.loadedVoices());
            }
            case FromWorker.Prewarmed p -> {
                p.loads().stream().filter(load -> load.error() == null).forEach(load -> loadedVoices.add(load.voice()));
                CompletableFuture<List<FromWorker.VoiceLoad>> answer = prewarms.remove(p.requestId());
                if (answer != null) {
                    answer.complete(p.loads());
                }
            }
            case FromWorker.Phonemized p -> {
                CompletableFuture<FromWorker.Phonemized> answer = dryRuns.remove(p.requestId());
                if (answer != null) {
                    answer.complete(p);
                }
            }
            case FromWorker.Speaking f -> speaking = f;
            case FromWorker.Slack f -> playback.record(f.slackMicros(), f.waitedMicros());
            case FromWorker.Preempted f -> playback.preempted(f.lostMicros());
            case FromWorker.Started f -> toStream(f.jobId(), f, false);
            case FromWorker.SegmentSpoken f -> {
                AudioStream stream = streams.get(f.jobId());
                if (stream != null) {
                    meter.record(stream.voice(), queuedWork.spoken(f.jobId(), f.segment()), f.audioMicros(), f.engineMicros());
                }
                toStream(f.jobId(), f, false);
            }
            case FromWorker.Audio f -> toStream(f.jobId(), f, false);
            case FromWorker.Word f -> toStream(f.jobId(), f, false);
            case FromWorker.End f -> toStream(f.jobId(), f, true);
            case FromWorker.Failed f -> toStream(f.jobId(), f, true);
        }
    }

    private void toStream(long jobId, FromWorker frame, boolean last) {
        if (last) {
            queuedWork.ended(jobId);
        }
        AudioStream stream = last ? streams.remove(jobId) : streams.get(jobId);
        if (stream != null) {
            stream.accept(frame);
        }
    }

    /**
     * The process is gone: every stream fails. If it died by a crash signal of its own, the text its
     * engine was reading is to blame: that stream fails with {@code INPUT_CRASHED_ENGINE} and the
     * text is never sent to a worker again.
     */
    private void failStreams() {
        FromWorker.Speaking last = speaking;
        boolean crashed = !stoppedByCore && !process.isAlive() && CRASH_STATUSES.contains(process.exitValue());
        AudioStream guilty = crashed && last != null && last.segment() >= 0 ? streams.remove(last.jobId()) : null;
        if (guilty != null) {
            String text = guilty.textOf(last.segment());
            LOG.warning(id + " crashed while its engine read segment " + last.segment() + " of job " + guilty.jobId()
                    + (text == null ? "" : " (" + text.codePointCount(0, text.length()) + " characters); that text is refused from now on"));
            if (text != null) {
                crashingTexts.record(text);
            }
            guilty.failOnInput(last.segment(), new SpeechException(SpeechException.Reason.INPUT_CRASHED_ENGINE,
                    "this input crashed the speech engine; it will not be spoken"));
        }
        streams.values().forEach(this::failStream);
        streams.clear();
    }

    private void failStream(AudioStream stream) {
        stream.fail(new SpeechException(SpeechException.Reason.WORKER_FAILED, id + " stopped while speaking"));
    }

    private void logStderr() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                LOG.info(id + ": " + line);
            }
        } catch (IOException e) {
            LOG.fine(id + ": stderr closed: " + e.getMessage());
        }
    }

    private void waitForExit() {
        try {
            process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String exitDescription() {
        return process.isAlive() ? "" : " with status " + process.exitValue();
    }
}
