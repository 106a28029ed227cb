package org.assistantapi.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.assistantapi.workers.protocol.FailureCode;
import org.assistantapi.workers.protocol.FormatDescriptor;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.ToWorker;
import org.assistantapi.workers.protocol.VoiceDescriptor;

/**
 * A worker for unit tests of core's stream and session logic: it records every frame core sends
 * and answers as the test tells it, in the calling thread, so each test runs in milliseconds and
 * decides exactly when audio arrives and when the worker dies.
 */
final class FakeWorker implements WorkerLink {

    /** The catalog every fake worker reports: one voice, one format. */
    static final FromWorker.Ready CATALOG = new FromWorker.Ready(
            List.of(new VoiceDescriptor("espeak:en-us", "espeak", "en-US", 22050, 1, Map.of(), "")),
            List.of(new FormatDescriptor("pcm", "audio/pcm")));

    /** A request for the catalog's voice and format. */
    static final SpeechRequest REQUEST = new SpeechRequest("Hello.", null, "espeak:en-us", null, "pcm", 1.0, 0);

    /** How the fake answers a new job. */
    enum Answer { START, REFUSE, SILENT }

    private final List<ToWorker> received = new ArrayList<>();
    private final Map<Long, AudioStream> streams = new ConcurrentHashMap<>();
    private Answer answer = Answer.START;
    private boolean diesOnText;
    private boolean speaks;
    private boolean dead;

    /** How it answers the jobs it gets from now on. */
    FakeWorker answering(Answer answer) {
        this.answer = answer;
        return this;
    }

    /** It dies as soon as a job gets text (a text that crashes its engine). */
    FakeWorker dyingOnText() {
        this.diesOnText = true;
        return this;
    }

    /** It speaks each segment as it gets it (one byte of audio: the segment's number) and ends when the text ends. */
    FakeWorker speaking() {
        this.speaks = true;
        return this;
    }

    /** A picker for these workers: the first that is alive. */
    static WorkerPicker picker(List<FakeWorker> workers) {
        return voice -> workers.stream().filter(worker -> !worker.dead).findFirst();
    }

    /** A request validator over {@link #CATALOG}. */
    static RequestValidator validator() {
        return new RequestValidator(() -> Optional.of(CATALOG), new CrashingTexts(), VoiceChoice.automatic(), 4096, 600);
    }

    @Override
    public synchronized void startJob(AudioStream stream, ToWorker.StartJob job) {
        received.add(job);
        streams.put(job.jobId(), stream);
        switch (answer) {
            case START -> stream.accept(new FromWorker.Started(job.jobId(), "audio/pcm", 22050));
            case REFUSE -> toStream(job.jobId(), new FromWorker.Failed(job.jobId(), FailureCode.VOICE_UNAVAILABLE, "cannot load"));
            case SILENT -> { }
        }
        if (!job.text().isEmpty() && diesOnText) {
            die();
        }
    }

    @Override
    public synchronized void appendText(long jobId, int segment, String text) {
        received.add(new ToWorker.AppendText(jobId, segment, text));
        if (diesOnText) {
            die();
        } else if (speaks) {
            audio(jobId, (byte) segment);
            spoken(jobId, segment);
        }
    }

    @Override
    public synchronized void endText(long jobId) {
        received.add(new ToWorker.EndText(jobId));
        if (speaks) {
            end(jobId);
        }
    }

    @Override
    public synchronized void credit(long jobId, int frames) {
        received.add(new ToWorker.Credit(jobId, frames));
    }

    @Override
    public synchronized void cancel(AudioStream stream) {
        if (streams.remove(stream.jobId()) != null) {
            received.add(new ToWorker.Cancel(stream.jobId()));
        }
    }

    /** Sends a piece of a job's audio. */
    void audio(long jobId, byte... data) {
        toStream(jobId, new FromWorker.Audio(jobId, data));
    }

    /** Reports a segment spoken. */
    void spoken(long jobId, int segment) {
        toStream(jobId, new FromWorker.SegmentSpoken(jobId, segment, 1000, 100));
    }

    /** Ends a job's audio. */
    void end(long jobId) {
        toStream(jobId, new FromWorker.End(jobId));
    }

    /** The process is gone: every stream it served fails, as {@link WorkerProcess} fails them. */
    synchronized void die() {
        dead = true;
        streams.values().forEach(stream -> stream.fail(new SpeechException(SpeechException.Reason.WORKER_FAILED, "fake died")));
        streams.clear();
    }

    /** The frames core sent, in order. */
    synchronized List<ToWorker> received() {
        return List.copyOf(received);
    }

    /** The frames of one type core sent, in order. */
    <T extends ToWorker> List<T> received(Class<T> type) {
        return received().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The id of the last job it was given. */
    long lastJob() {
        List<ToWorker.StartJob> jobs = received(ToWorker.StartJob.class);
        return jobs.getLast().jobId();
    }

    private void toStream(long jobId, FromWorker frame) {
        AudioStream stream = frame instanceof FromWorker.End || frame instanceof FromWorker.Failed
                ? streams.remove(jobId) : streams.get(jobId);
        if (stream != null) {
            stream.accept(frame);
        }
    }
}
