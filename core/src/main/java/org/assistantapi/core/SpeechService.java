package org.assistantapi.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.assistantapi.workers.protocol.FormatDescriptor;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.VoiceDescriptor;
import org.assistantapi.workers.protocol.WorkerOptions;

/**
 * What transports call: check a request, send it to a worker, hand back its audio stream. Voices
 * and formats are what the workers reported, so core never reads voice files or loads an engine.
 */
public final class SpeechService implements AutoCloseable {

    private final CoreSettings settings;
    private final WorkerPool pool;
    private final RequestValidator validator;
    private final JobStarter jobs;
    private final SpeechSessions sessions;
    private final Slots streams;

    private SpeechService(CoreSettings settings) {
        this.settings = settings;
        this.pool = new WorkerPool(settings);
        this.validator = new RequestValidator(pool::catalog, pool.crashingTexts(), settings.voiceChoice(),
                settings.maxInputChars(),
                Integer.parseInt(settings.workers().tuning().getOrDefault(WorkerOptions.MAX_AUDIO_SECONDS,
                        String.valueOf(WorkerOptions.DEFAULT_MAX_AUDIO_SECONDS))));
        this.jobs = new JobStarter(pool::pick, pool.crashingTexts(), settings.streams().bufferFrames(), settings.timeouts().jobStart());
        this.streams = new Slots("speech streams", SpeechException.Reason.TOO_MANY_STREAMS,
                settings.streams().maxStreams(), settings.streams().maxPerOwner());
        this.sessions = new SpeechSessions(validator, jobs, settings.sessions(), settings.instanceId());
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
        // The catalog, not merely a ready worker: it is made from the ready workers' voices just after.
        while (pool.catalog().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    public PoolHealth health() {
        // Ready means able to speak: not before the catalog is made from the first ready worker's voices.
        List<WorkerProcess> ready = pool.catalog().isEmpty() ? List.of() : pool.readyWorkers();
        int streams = ready.stream().mapToInt(WorkerProcess::activeStreams).sum();
        int queued = ready.stream().mapToInt(WorkerProcess::queuedStreams).sum();
        return new PoolHealth(ready.size(), pool.expected(), pool.restarts(), pool.crashLooping(), streams, queued,
                pool.statuses());
    }

    /** Per voice, the audio spoken since the server started and its engine's time. */
    public List<SynthesisTotal> synthesisTotals() {
        return pool.synthesisTotals();
    }

    /** How well the workers kept ahead of their listeners since the server started. */
    public PlaybackTotals playbackTotals() {
        return pool.playbackTotals();
    }

    /**
     * Loads voices into every ready worker (and into any worker started later), so that requests
     * do not pay for loading them.
     *
     * @throws SpeechException {@code VOICE_NOT_FOUND} for a voice no worker has, before anything loads
     */
    public List<PrewarmResult> prewarm(List<String> voices) throws SpeechException {
        for (String voice : voices) {
            if (!validator.hasVoice(voice)) {
                throw new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND, "unknown voice '" + voice + "'");
            }
        }
        pool.rememberPrewarmed(voices);
        List<CompletableFuture<List<FromWorker.VoiceLoad>>> answers = pool.readyWorkers().stream()
                .map(worker -> worker.prewarm(voices)).toList();
        List<List<FromWorker.VoiceLoad>> loads = new ArrayList<>();
        for (CompletableFuture<List<FromWorker.VoiceLoad>> answer : answers) {
            try {
                loads.add(answer.get(settings.timeouts().jobStart().toMillis(), TimeUnit.MILLISECONDS));
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
        return pool.availableVoices();
    }

    /** Output format ids the workers can encode, e.g. {@code mp3}. */
    public List<String> formats() {
        return pool.catalog().map(FromWorker.Ready::formats).orElse(List.of()).stream().map(FormatDescriptor::id).toList();
    }

    public int maxInputChars() {
        return settings.maxInputChars();
    }

    /**
     * Starts speaking a request for {@code owner} (a transport's caller identity, never a secret;
     * null: no owner), within the stream limits, overall and per owner, and returns once a worker
     * has taken the job (a worker that dies before that costs nothing: the job starts on another);
     * the stream's {@link AudioStream#awaitStart()} then gives its format at once. Close the
     * stream to stop the job early. Its place counts until it is closed, read to its end, or its
     * job failed or was cancelled for a stalled reader.
     *
     * @throws SpeechException the request is refused, or no worker took it (the job could not start)
     */
    public AudioStream speak(SpeechRequest request, String owner) throws SpeechException {
        return speak(request, owner, WordTimings.EXCLUDED);
    }

    /** Like {@link #speak(SpeechRequest, String)}; with {@link WordTimings#INCLUDED} the stream also reports its words. */
    public AudioStream speak(SpeechRequest request, String owner, WordTimings words) throws SpeechException {
        SpeechRequest checked = validator.checkWithText(request);
        return JobStarter.startedOnALiveWorker(() -> {
            Slots.Slot slot = streams.take(owner); // a failed start gave its place back
            try {
                return jobs.start(checked, request.text(), JobKind.ONE_SHOT, slot::close, words);
            } catch (SpeechException | RuntimeException e) {
                slot.close();
                throw e;
            }
        });
    }

    /**
     * A dry run: what the request's voice would say for its text, sentence by sentence with
     * phonemes, without synthesizing (a worker's synthesis thread does it between turns).
     */
    public DryRun dryRun(SpeechRequest request) throws SpeechException {
        SpeechRequest checked = validator.checkWithText(request);
        VoiceDescriptor voice = validator.voice(checked.voice()).orElseThrow(() -> new SpeechException(
                SpeechException.Reason.VOICE_NOT_FOUND, "unknown voice '" + checked.voice() + "'"));
        WorkerProcess worker = pool.pick(voice.id())
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready"));
        FromWorker.Phonemized answer;
        try {
            answer = worker.phonemize(voice.id(), request.text(), checked.normalization() == TextNormalization.OFF)
                    .get(jobs.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new SpeechException(SpeechException.Reason.WORKER_FAILED, "the worker did not answer the dry run");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpeechException(SpeechException.Reason.NOT_READY, "interrupted during the dry run");
        }
        if (answer.errorCode() != null) {
            throw SpeechException.fromWorker(answer.errorCode(), answer.errorMessage());
        }
        return new DryRun(voice.id(), voice.language(), checked.normalization(),
                answer.sentences().stream().map(s -> new DryRun.Sentence(s.text(), s.phonemes())).toList());
    }

    /** One-shot streams open now, every transport together. */
    public int openStreams() {
        return streams.taken();
    }

    /** The voice to use when the default is wanted: what the workers have decides it. */
    public String defaultVoice() {
        return settings.voiceChoice().defaultVoice(voices());
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
    }
}
