package org.assistantapi.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.assistantapi.workers.protocol.FormatDescriptor;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.ToWorker;
import org.assistantapi.workers.protocol.VoiceDescriptor;
import org.assistantapi.workers.protocol.WorkerOptions;

/**
 * What transports call: check a request, send it to a worker, hand back its audio stream. Voices
 * and formats are what the workers reported, so core never reads voice files or loads an engine.
 */
public final class SpeechService implements AutoCloseable {

    private final CoreSettings settings;
    private final WorkerPool pool;
    private final SpeechSessions sessions;
    private final AtomicLong jobIds = new AtomicLong();
    /** Faster than any voice reads at speed 1: what makes an estimate of audio length a lower bound. */
    private static final double FASTEST_CHARACTERS_PER_SECOND = 20;

    private SpeechService(CoreSettings settings) {
        this.settings = settings;
        this.pool = new WorkerPool(settings);
        this.sessions = new SpeechSessions(this, settings.sessions(), settings.instanceId());
    }

    /** The incremental speech sessions, which share this service's workers. */
    public SpeechSessions sessions() {
        return sessions;
    }

    /** Starts the workers; they become ready in the background (see {@link #awaitReady}). */
    public static SpeechService start(CoreSettings settings) {
        return new SpeechService(settings);
    }

    /** Waits until at least one worker is ready. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pool.readyWorkers().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public PoolHealth health() {
        List<WorkerProcess> ready = pool.readyWorkers();
        int streams = ready.stream().mapToInt(WorkerProcess::activeStreams).sum();
        int queued = ready.stream().mapToInt(WorkerProcess::queuedStreams).sum();
        return new PoolHealth(ready.size(), pool.expected(), pool.restarts(), pool.crashLooping(), streams, queued,
                pool.statuses());
    }

    /** Per voice, the audio spoken since the server started and its engine's time. */
    public List<SynthesisTotal> synthesisTotals() {
        return pool.synthesisTotals();
    }

    /**
     * Loads voices into every ready worker (and into any worker started later), so that requests
     * do not pay for loading them.
     *
     * @throws SpeechException {@code VOICE_NOT_FOUND} for a voice no worker has, before anything loads
     */
    public List<PrewarmResult> prewarm(List<String> voices) throws SpeechException {
        FromWorker.Ready catalog = pool.catalog()
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready yet"));
        for (String voice : voices) {
            if (findVoice(catalog, voice).isEmpty()) {
                throw new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND, "unknown voice '" + voice + "'");
            }
        }
        pool.rememberPrewarmed(voices);
        List<CompletableFuture<List<FromWorker.VoiceLoad>>> answers = pool.readyWorkers().stream()
                .map(worker -> worker.prewarm(voices)).toList();
        List<List<FromWorker.VoiceLoad>> loads = new ArrayList<>();
        for (CompletableFuture<List<FromWorker.VoiceLoad>> answer : answers) {
            try {
                loads.add(answer.get(settings.jobStartTimeout().toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                loads.add(List.of()); // that worker died or hung: its voices count as not ready
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SpeechException(SpeechException.Reason.NOT_READY, "interrupted while prewarming");
            }
        }
        return voices.stream().map(voice -> PrewarmResult.of(voice, answers.size(), loads)).toList();
    }

    public List<AvailableVoice> voices() {
        return pool.catalog().map(FromWorker.Ready::voices).orElse(List.of()).stream()
                .map(v -> new AvailableVoice(v.id(), v.engine(), v.language(), v.sampleRate(), v.speakerCount(), v.speakers()))
                .toList();
    }

    /** Output format ids the workers can encode, e.g. {@code mp3}. */
    public List<String> formats() {
        return pool.catalog().map(FromWorker.Ready::formats).orElse(List.of()).stream().map(FormatDescriptor::id).toList();
    }

    public int maxInputChars() {
        return settings.maxInputChars();
    }

    /**
     * Starts speaking a request. The returned stream's {@link AudioStream#format()} tells whether
     * the worker accepted it; close the stream to stop the job early.
     */
    public AudioStream speak(SpeechRequest request) throws SpeechException {
        validateText(request.text());
        SpeechRequest prepared = prepare(request);
        refuseLongAudio(request.text(), prepared.speed());
        return startJob(prepared, request.text(), false, false);
    }

    /**
     * Refuses a text whose audio would clearly be longer than {@code limits.max_audio_seconds}
     * even read fast (20 letters or digits a second at speed 1); workers cut off what gets past.
     */
    private void refuseLongAudio(String text, double speed) throws SpeechException {
        int maxSeconds = settings.workerTuning().getOrDefault(WorkerOptions.MAX_AUDIO_SECONDS,
                WorkerOptions.DEFAULT_MAX_AUDIO_SECONDS);
        long spoken = text.codePoints().filter(Character::isLetterOrDigit).count();
        double fastestSeconds = spoken / FASTEST_CHARACTERS_PER_SECOND / speed;
        if (fastestSeconds > maxSeconds) {
            throw new SpeechException(SpeechException.Reason.AUDIO_TOO_LONG, "input would be at least "
                    + Math.round(fastestSeconds) + " s of audio at speed " + speed + "; the limit is " + maxSeconds + " s");
        }
    }

    /** Resolves the request's voice and speaker and checks everything but its text. */
    SpeechRequest prepare(SpeechRequest request) throws SpeechException {
        FromWorker.Ready catalog = catalog();
        request = resolveSpeaker(chooseVoice(request), catalog);
        if (!(request.speed() >= 0.25 && request.speed() <= 4.0)) {
            throw new SpeechException(SpeechException.Reason.INVALID_SPEED, "speed must be between 0.25 and 4.0");
        }
        // Speakers are checked by the worker, which knows each voice's speaker map.
        String voice = request.voice();
        findVoice(catalog, voice).orElseThrow(() -> new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND,
                "unknown voice '" + voice + "'; GET /v1/audio/voices lists the voices"));
        String format = request.format();
        if (catalog.formats().stream().noneMatch(f -> f.id().equals(format))) {
            throw new SpeechException(SpeechException.Reason.UNSUPPORTED_FORMAT,
                    "unsupported response_format '" + format + "'; supported: "
                            + String.join(", ", catalog.formats().stream().map(FormatDescriptor::id).toList()));
        }
        return request;
    }

    /**
     * Sends a prepared request's job to the least-loaded worker.
     *
     * @param moreText     more text follows through the stream (a session)
     * @param continuation the audio continues an earlier job's stream
     * @param cancelWhenStalled whether a reader that takes nothing for too long gets the job cancelled
     */
    AudioStream startJob(SpeechRequest prepared, String text, boolean moreText, boolean continuation,
                         boolean cancelWhenStalled) throws SpeechException {
        WorkerProcess worker = pool.pick(prepared.voice())
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready"));
        long jobId = jobIds.incrementAndGet();
        int credits = settings.streamBufferFrames();
        AudioStream stream = new AudioStream(jobId, prepared.voice(), prepared.format(), worker, credits,
                settings.jobStartTimeout().toMillis(), cancelWhenStalled);
        stream.rememberText(0, text);
        worker.startJob(stream, new ToWorker.StartJob(jobId, prepared.voice(), prepared.speaker(), prepared.speed(),
                prepared.format(), prepared.sampleRate(), credits, text, moreText, continuation));
        return stream;
    }

    private AudioStream startJob(SpeechRequest prepared, String text, boolean moreText, boolean continuation)
            throws SpeechException {
        return startJob(prepared, text, moreText, continuation, true);
    }

    CoreSettings settings() {
        return settings;
    }

    private FromWorker.Ready catalog() throws SpeechException {
        return pool.catalog()
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready yet"));
    }

    private void validateText(String text) throws SpeechException {
        if (text == null || text.isBlank()) {
            throw new SpeechException(SpeechException.Reason.INVALID_INPUT, "input must not be empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > settings.maxInputChars()) {
            throw new SpeechException(SpeechException.Reason.INPUT_TOO_LONG,
                    "input is " + length + " characters; the limit is " + settings.maxInputChars());
        }
        pool.crashingTexts().refuse(text);
    }

    /** Texts that crashed a worker: refused before they reach another. */
    CrashingTexts crashingTexts() {
        return pool.crashingTexts();
    }

    /** The voice to use when the default is wanted: what the workers have decides it. */
    public String defaultVoice() {
        return settings.voiceChoice().defaultVoice(voices());
    }

    private SpeechRequest chooseVoice(SpeechRequest request) throws SpeechException {
        String voice = settings.voiceChoice().resolve(request.model(), request.voice(), voices())
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND,
                        "unknown voice '" + request.voice() + "'; GET /v1/audio/voices lists the voices"));
        return new SpeechRequest(request.text(), request.model(), voice, request.speaker(), request.format(),
                request.speed(), request.sampleRate());
    }

    /** {@code voice} may name a speaker after its last colon: {@code en_US-libritts-high:p123}. */
    private static SpeechRequest resolveSpeaker(SpeechRequest request, FromWorker.Ready catalog) {
        String voice = request.voice();
        int colon = voice == null ? -1 : voice.lastIndexOf(':');
        if (request.speaker() != null || colon < 0 || findVoice(catalog, voice).isPresent()) {
            return request;
        }
        return new SpeechRequest(request.text(), request.model(), voice.substring(0, colon), voice.substring(colon + 1),
                request.format(), request.speed(), request.sampleRate());
    }

    private static Optional<VoiceDescriptor> findVoice(FromWorker.Ready catalog, String id) {
        return catalog.voices().stream().filter(v -> v.id().equals(id)).findFirst();
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
    }
}
