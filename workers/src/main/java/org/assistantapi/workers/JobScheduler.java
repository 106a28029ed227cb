package org.assistantapi.workers;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.encoders.AudioFormat;
import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.encoders.Encoders;
import org.assistantapi.engines.EngineException;
import org.assistantapi.workers.protocol.FailureCode;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.text.TextFrontEnd;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.ToWorker;

/**
 * The worker's one synthesis thread. Active jobs take turns a piece (a sentence, or a bounded part
 * of a long one) at a time, in the {@link TurnOrder} configured, so a long text delays another
 * job's first audio by at most one piece, or less: work that comes for a listener due well before
 * the one in turn stops the turn (see {@link #preemptFor}). Control frames are handled between
 * turns; credits and cancels also act at once from the reader thread.
 */
final class JobScheduler implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    private final BlockingQueue<ToWorker> inbox = new LinkedBlockingQueue<>();
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    /** The jobs in turn, in the order they came (round robin rotates it). Synthesis thread only. */
    private final List<Job> turns = new ArrayList<>();
    private final VoiceCache voices;
    private final EncoderSettings encoderSettings;
    private final Scheduling scheduling;
    private final Duration maxSegmentAudio;
    private final TextFrontEnd frontEnd;
    private final WorkerOutput output;
    private final HangWatch watch = new HangWatch();
    /** The job whose turn the synthesis thread is taking, for the reader thread to preempt; null between turns. */
    private volatile Job inTurn;
    /** Read once per language when a voice is prewarmed: markup, numbers, a date, a time, money, a unit. */
    private static final String WARM_UP_TEXT = "**Good morning!** On 3 May at 9:30 it was 21 °C, and 2 tickets cost $14.50.";
    /** The languages whose text front end has read {@link #WARM_UP_TEXT}. */
    private final Set<String> readLanguages = new HashSet<>();
    /** What is announced while the engine reads no job's text (loading voices). */
    private static final FromWorker.Speaking NO_TEXT = new FromWorker.Speaking(-1, -1);
    /** The job and segment last announced with {@link FromWorker.Speaking}. */
    private FromWorker.Speaking announced;

    JobScheduler(VoiceCache voices, EncoderSettings encoderSettings, Scheduling scheduling, Duration maxSegmentAudio,
                 TextFrontEnd frontEnd, WorkerOutput output) {
        this.voices = voices;
        this.encoderSettings = encoderSettings;
        this.scheduling = scheduling;
        this.maxSegmentAudio = maxSegmentAudio;
        this.frontEnd = frontEnd;
        this.output = output;
    }

    /** Called by the stdin reader thread for every frame. */
    void accept(ToWorker frame) {
        switch (frame) {
            case ToWorker.Credit credit -> {
                Job job = jobs.get(credit.jobId());
                if (job != null) {
                    job.grant(credit.frames());
                }
            }
            case ToWorker.Cancel cancel -> {
                Job job = jobs.get(cancel.jobId());
                if (job != null) {
                    job.cancel();
                }
            }
            case ToWorker.Ping ping -> {
                if (!watch.hung()) {
                    output.send(new FromWorker.Pong(ping.sequence(), jobs.size(), voices.loadedIds()));
                }
                return; // answered here, so a long text on the synthesis thread never looks like a hang
            }
            case ToWorker.StartJob start -> preemptFor(System.nanoTime()); // a new listener waits from now
            case ToWorker.AppendText append -> {
                Job job = jobs.get(append.jobId());
                if (job != null) {
                    preemptFor(job.dryAtNanos());
                }
            }
            default -> {
            }
        }
        inbox.add(frame); // also wakes the synthesis thread, which may now have work
    }

    /**
     * Stops the turn in progress when work came for a listener due well before the one in turn
     * ({@link Scheduling#preempts}): the synthesis thread then reads the frame and serves the job
     * with the least slack, instead of finishing a window for a listener seconds ahead.
     */
    private void preemptFor(long dueNanos) {
        Job job = inTurn;
        if (job != null && scheduling.preempts(job.dryAtNanos(), dueNanos)) {
            job.interrupt();
        }
    }

    @Override
    public void run() {
        try {
            while (true) {
                ToWorker frame = inbox.poll();
                if (frame == null) {
                    dropGone();
                    TurnOrder.Turn turn = scheduling.next(turns, System.nanoTime());
                    if (turn.job() != null) {
                        watch.begin();
                        inTurn = turn.job();
                        speakNextPiece(turn.job(), turn.budget());
                        inTurn = null;
                        watch.end();
                        continue;
                    }
                    frame = turn.waitNanos() < 0 ? inbox.take() : inbox.poll(turn.waitNanos(), TimeUnit.NANOSECONDS);
                }
                if (frame != null) {
                    watch.begin();
                    handle(frame);
                    watch.end();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(ToWorker frame) {
        switch (frame) {
            case ToWorker.StartJob start -> start(start);
            case ToWorker.AppendText append -> withJob(append.jobId(), job -> {
                announce(append.jobId(), append.segment());
                job.append(append.segment(), append.text());
            });
            case ToWorker.EndText end -> withJob(end.jobId(), Job::endText);
            case ToWorker.Ping ping -> {
                // Answered by the reader thread on arrival; never queued.
            }
            case ToWorker.Prewarm prewarm -> {
                announce(NO_TEXT);
                output.send(new FromWorker.Prewarmed(prewarm.requestId(), load(prewarm.voices())));
            }
            case ToWorker.Phonemize phonemize -> output.send(phonemize(phonemize));
            case ToWorker.Credit credit -> {
                // Applied on arrival; the frame only woke this thread.
            }
            case ToWorker.Cancel cancel -> {
                // Flagged on arrival; the job is dropped at its next turn.
            }
        }
    }

    /**
     * Loads voices, timing each: the answer to a prewarm. Each new language's text front end reads
     * a sample once too: the first text a fresh worker read took ~0.2 s more than the next
     * (ICU's number rules, the readers' classes and patterns), which a prewarmed voice's first
     * listener waited for.
     */
    List<FromWorker.VoiceLoad> load(List<String> voiceIds) {
        List<FromWorker.VoiceLoad> loads = new ArrayList<>();
        for (String voiceId : voiceIds) {
            long started = System.nanoTime();
            try {
                String language = voices.get(voiceId).info().language();
                if (readLanguages.add(language)) {
                    frontEnd.normalize(WARM_UP_TEXT, language);
                }
                loads.add(new FromWorker.VoiceLoad(voiceId, (System.nanoTime() - started) / 1_000_000, null));
            } catch (EngineException e) {
                loads.add(new FromWorker.VoiceLoad(voiceId, (System.nanoTime() - started) / 1_000_000, e.getMessage()));
            }
        }
        return loads;
    }

    /** A dry run on the synthesis thread (the one place this worker calls espeak-ng). */
    private FromWorker.Phonemized phonemize(ToWorker.Phonemize request) {
        try {
            Voice voice = voices.acquire(request.voice());
            try {
                String text = request.rawText() ? request.text() : frontEnd.normalize(request.text(), voice.info().language());
                List<FromWorker.Sentence> sentences = voice.phonemize(text).stream()
                        .map(s -> new FromWorker.Sentence(s.text(), s.phonemes())).toList();
                return new FromWorker.Phonemized(request.requestId(), sentences, null, null);
            } finally {
                voices.release(voice);
            }
        } catch (EngineException e) {
            return new FromWorker.Phonemized(request.requestId(), List.of(), FailureCode.of(e.code()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "dry run " + request.requestId() + " failed", e);
            return new FromWorker.Phonemized(request.requestId(), List.of(), FailureCode.SYNTHESIS_FAILED,
                    String.valueOf(e.getMessage()));
        }
    }

    private void start(ToWorker.StartJob start) {
        long id = start.jobId();
        try {
            announce(NO_TEXT); // loading a voice reads no text: a crash here is not the text's fault
            Voice voice = voices.acquire(start.voice());
            try {
                turns.add(newJob(start, voice));
            } catch (EngineException | RuntimeException e) {
                voices.release(voice);
                throw e;
            }
        } catch (EngineException e) {
            output.send(new FromWorker.Failed(id, FailureCode.of(e.code()), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + id + " could not start", e);
            output.send(new FromWorker.Failed(id, FailureCode.SYNTHESIS_FAILED, String.valueOf(e.getMessage())));
        }
    }

    /** Prepares the encoder and the first segment, registers the job and tells core it has started. */
    private Job newJob(ToWorker.StartJob start, Voice voice) throws EngineException {
        long id = start.jobId();
        SynthesisOptions options = new SynthesisOptions(start.speed(), start.speaker());
        if (voice.info().speakerNumber(start.speaker()) < 0) {
            throw new EngineException(EngineException.INVALID_SPEAKER,
                    "voice " + voice.info().id() + " has no speaker '" + start.speaker() + "'");
        }
        AudioFormat format = AudioFormat.byId(start.format()).filter(Encoders::isAvailable)
                .orElseThrow(() -> new EngineException(FailureCode.UNSUPPORTED_FORMAT.code(), "format " + start.format() + " is not available"));
        int sourceRate = voice.info().sampleRate();
        int rate = start.sampleRate() == 0 ? format.defaultRate(sourceRate) : start.sampleRate();
        if (!format.supportsRate(rate)) {
            throw new EngineException(FailureCode.UNSUPPORTED_SAMPLE_RATE.code(), format.id() + " cannot be encoded at " + rate
                    + " Hz; it takes " + format.describeRates());
        }
        String language = voice.info().language();
        UnaryOperator<String> reading = start.rawText() ? text -> text : text -> frontEnd.normalize(text, language);
        long maxSegmentSamples = maxSegmentAudio.toMillis() * sourceRate / 1000;
        Job job = new Job(id, voice, reading, options,
                frames -> Encoders.open(format, sourceRate, rate, encoderSettings, frames, start.continuation()),
                maxSegmentSamples, start.credits(), output, () -> {
                    jobs.remove(id);
                    voices.release(voice);
                });
        if (start.wordTimings()) {
            job.reportWords();
        }
        try {
            if (!start.text().isEmpty()) {
                announce(id, 0);
                job.append(0, start.text());
            }
        } catch (EngineException | RuntimeException e) {
            job.discard();
            throw e;
        }
        if (!start.moreText()) {
            job.endText();
        }
        jobs.put(id, job);
        output.send(new FromWorker.Started(id, format.contentType(), rate));
        return job;
    }

    /** Tells core which text the engine is about to read, unless it was the last one told. */
    private void announce(long jobId, int segment) {
        announce(new FromWorker.Speaking(jobId, segment));
    }

    private void announce(FromWorker.Speaking speaking) {
        if (!speaking.equals(announced)) {
            output.send(speaking);
            announced = speaking;
        }
    }

    /** Applies a frame to a job that is still here; a failure ends the job. */
    private void withJob(long id, JobAction action) {
        Job job = jobs.get(id);
        if (job == null) {
            return; // cancelled or failed already
        }
        try {
            action.apply(job);
        } catch (EngineException e) {
            job.fail(FailureCode.of(e.code()), e.getMessage());
        }
    }

    @FunctionalInterface
    private interface JobAction {
        void apply(Job job) throws EngineException;
    }

    /** Drops the jobs that were cancelled or failed since the last turn. */
    private void dropGone() {
        turns.removeIf(job -> {
            if (job.gone()) {
                job.drop();
                return true;
            }
            return false;
        });
    }

    /** Speaks the job's next piece; it leaves the turns when it has ended, failed or was cancelled meanwhile. */
    private void speakNextPiece(Job job, Duration budget) {
        if (!speak(job, budget)) {
            turns.remove(job);
        }
    }

    /** @return whether the job stays in turn (it has more to say, or waits for more text) */
    private boolean speak(Job job, Duration budget) {
        try {
            job.nextSegment().ifPresent(segment -> announce(job.id(), segment));
            job.step(budget);
            if (job.cancelled()) {
                job.drop();
                return false;
            }
            return !job.ended();
        } catch (EngineException e) {
            job.fail(FailureCode.of(e.code()), e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "job " + job.id() + " failed", e);
            job.fail(FailureCode.SYNTHESIS_FAILED, String.valueOf(e.getMessage()));
        }
        return false;
    }
}
