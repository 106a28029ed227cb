package org.assistantapi.workers;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.encoders.AudioEncoder;
import org.assistantapi.encoders.AudioFormat;
import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.encoders.Encoders;
import org.assistantapi.engines.EngineException;
import org.assistantapi.workers.protocol.FailureCode;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.ToWorker;

/**
 * The worker's one synthesis thread. Active jobs take turns a sentence at a time, so a long text
 * delays another job's first audio by at most one sentence. Control frames are handled between
 * turns; credits and cancels also act at once from the reader thread.
 */
final class JobScheduler implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobScheduler.class.getName());

    private final BlockingQueue<ToWorker> inbox = new LinkedBlockingQueue<>();
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final Deque<Job> turns = new ArrayDeque<>();
    private final VoiceCache voices;
    private final EncoderSettings encoderSettings;
    private final WorkerOutput output;

    JobScheduler(VoiceCache voices, EncoderSettings encoderSettings, WorkerOutput output) {
        this.voices = voices;
        this.encoderSettings = encoderSettings;
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
            default -> {
            }
        }
        inbox.add(frame); // also wakes the synthesis thread, which may now have work
    }

    @Override
    public void run() {
        try {
            while (true) {
                ToWorker frame = hasTurnToTake() ? inbox.poll() : inbox.take();
                if (frame != null) {
                    handle(frame);
                } else {
                    takeTurn();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(ToWorker frame) {
        switch (frame) {
            case ToWorker.StartJob start -> start(start);
            case ToWorker.AppendText append -> withJob(append.jobId(), job -> job.append(append.segment(), append.text()));
            case ToWorker.EndText end -> withJob(end.jobId(), Job::endText);
            case ToWorker.Ping ping -> output.send(new FromWorker.Pong(ping.sequence(), jobs.size(), voices.loadedIds()));
            case ToWorker.Prewarm prewarm -> output.send(new FromWorker.Prewarmed(prewarm.requestId(), load(prewarm.voices())));
            case ToWorker.Credit credit -> {
                // Applied on arrival; the frame only woke this thread.
            }
            case ToWorker.Cancel cancel -> {
                // Flagged on arrival; the job is dropped at its next turn.
            }
        }
    }

    /** Loads voices, timing each: the answer to a prewarm. */
    List<FromWorker.VoiceLoad> load(List<String> voiceIds) {
        List<FromWorker.VoiceLoad> loads = new ArrayList<>();
        for (String voiceId : voiceIds) {
            long started = System.nanoTime();
            try {
                voices.get(voiceId);
                loads.add(new FromWorker.VoiceLoad(voiceId, (System.nanoTime() - started) / 1_000_000, null));
            } catch (EngineException e) {
                loads.add(new FromWorker.VoiceLoad(voiceId, (System.nanoTime() - started) / 1_000_000, e.getMessage()));
            }
        }
        return loads;
    }

    private void start(ToWorker.StartJob start) {
        long id = start.jobId();
        try {
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
        Job[] self = new Job[1];
        AudioEncoder encoder = Encoders.open(format, sourceRate, rate, encoderSettings,
                new FrameOutputStream(frame -> self[0].offer(frame)), start.continuation());
        Job job = new Job(id, voice, options, encoder, start.credits(), output, () -> {
            jobs.remove(id);
            voices.release(voice);
        });
        self[0] = job;
        try {
            if (!start.text().isEmpty()) {
                job.append(0, start.text());
            }
        } catch (EngineException | RuntimeException e) {
            encoder.close();
            throw e;
        }
        if (!start.moreText()) {
            job.endText();
        }
        jobs.put(id, job);
        output.send(new FromWorker.Started(id, format.contentType(), rate));
        return job;
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

    private boolean hasTurnToTake() {
        for (Job job : turns) {
            if (job.ready() || job.gone()) {
                return true;
            }
        }
        return false;
    }

    /** Speaks one sentence of the first job in turn that can take it, then puts it at the back. */
    private void takeTurn() {
        for (int i = turns.size(); i > 0; i--) {
            Job job = turns.poll();
            if (job.gone()) {
                job.drop();
                return;
            }
            if (job.ready()) {
                if (speakNextSentence(job)) {
                    turns.add(job);
                }
                return;
            }
            turns.add(job);
        }
    }

    /** @return whether the job stays in turn (it has more to say, or waits for more text) */
    private boolean speakNextSentence(Job job) {
        try {
            job.step();
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
