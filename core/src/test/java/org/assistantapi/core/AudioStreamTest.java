package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.assistantapi.workers.protocol.ToWorker;

/** A job's audio stream against a fake worker: start, credit, back-pressure, cancel, and its one end. */
class AudioStreamTest {

    private static final int CREDITS = 4;

    private final FakeWorker worker = new FakeWorker();
    private final AtomicInteger ends = new AtomicInteger();

    private AudioStream start(JobKind kind) throws SpeechException {
        return starter(Duration.ofSeconds(30)).start(FakeWorker.REQUEST, "Hello.", kind, ends::incrementAndGet, WordTimings.EXCLUDED);
    }

    private JobStarter starter(Duration startTimeout) {
        return new JobStarter(FakeWorker.picker(List.of(worker)), new CrashingTexts(), CREDITS, startTimeout);
    }

    @Test
    void jobsStartWithWhatTheirKindSays() throws SpeechException {
        JobStarter jobs = starter(Duration.ofSeconds(30));
        jobs.start(FakeWorker.REQUEST, "Hello.", JobKind.ONE_SHOT, () -> { }, WordTimings.EXCLUDED);
        jobs.start(FakeWorker.REQUEST, "", JobKind.SESSION, () -> { }, WordTimings.EXCLUDED);
        jobs.start(FakeWorker.REQUEST, "", JobKind.CONTINUATION, () -> { }, WordTimings.EXCLUDED);
        List<ToWorker.StartJob> started = worker.received(ToWorker.StartJob.class);
        assertEquals(List.of("Hello.", "", ""), started.stream().map(ToWorker.StartJob::text).toList());
        assertEquals(List.of(false, true, true), started.stream().map(ToWorker.StartJob::moreText).toList());
        assertEquals(List.of(false, false, true), started.stream().map(ToWorker.StartJob::continuation).toList());
        assertEquals(3, started.stream().mapToLong(ToWorker.StartJob::jobId).distinct().count(), "each job its own id");
        assertTrue(started.stream().allMatch(job -> job.credits() == CREDITS && job.voice().equals("espeak:en-us")));
    }

    @Test
    void noReadyWorkerIsNotReady() {
        JobStarter jobs = new JobStarter(voice -> java.util.Optional.empty(), new CrashingTexts(), CREDITS, Duration.ofSeconds(1));
        SpeechException e = assertThrows(SpeechException.class,
                () -> jobs.start(FakeWorker.REQUEST, "Hello.", JobKind.ONE_SHOT, ends::incrementAndGet, WordTimings.EXCLUDED));
        assertEquals(SpeechException.Reason.NOT_READY, e.reason());
    }

    @Test
    void awaitStartGivesTheFormatTheWorkerReported() throws SpeechException {
        StreamFormat format = start(JobKind.ONE_SHOT).awaitStart();
        assertEquals(new StreamFormat("pcm", "audio/pcm", 22050), format);
        assertEquals(0, ends.get());
    }

    @Test
    void aRefusedJobThrowsItsReasonAndEnds() throws SpeechException {
        worker.answering(FakeWorker.Answer.REFUSE);
        AudioStream stream = start(JobKind.ONE_SHOT);
        SpeechException e = assertThrows(SpeechException.class, stream::awaitStart);
        assertEquals(SpeechException.Reason.VOICE_UNAVAILABLE, e.reason());
        assertEquals(1, ends.get());
    }

    @Test
    void aJobThatDoesNotStartInTimeIsCancelled() throws SpeechException {
        worker.answering(FakeWorker.Answer.SILENT);
        AudioStream stream = starter(Duration.ofMillis(20)).start(FakeWorker.REQUEST, "Hello.", JobKind.ONE_SHOT,
                ends::incrementAndGet, WordTimings.EXCLUDED);
        SpeechException e = assertThrows(SpeechException.class, stream::awaitStart);
        assertEquals(SpeechException.Reason.NOT_READY, e.reason());
        assertEquals(List.of(new ToWorker.Cancel(stream.jobId())), worker.received(ToWorker.Cancel.class));
        assertEquals(1, ends.get());
    }

    @Test
    void audioComesInOrderAndCreditReturnsEveryHalfBuffer() throws SpeechException {
        AudioStream stream = start(JobKind.ONE_SHOT);
        long job = stream.jobId();
        for (int i = 0; i < CREDITS; i++) {
            worker.audio(job, (byte) i);
        }
        worker.end(job);
        for (int i = 0; i < CREDITS; i++) {
            assertArrayEquals(new byte[] {(byte) i}, stream.read());
        }
        assertNull(stream.read());
        assertNull(stream.read(), "the end stays the end");
        assertEquals(List.of(new ToWorker.Credit(job, CREDITS / 2), new ToWorker.Credit(job, CREDITS / 2)),
                worker.received(ToWorker.Credit.class));
        assertEquals(1, ends.get());
        AtomicInteger abandoned = new AtomicInteger();
        stream.whenAbandoned(abandoned::incrementAndGet);
        stream.close();
        assertEquals(1, ends.get(), "ended once");
        assertEquals(0, abandoned.get(), "a reader that read to the end was not abandoned");
        assertTrue(worker.received(ToWorker.Cancel.class).isEmpty(), "a finished job is not cancelled");
    }

    @Test
    void aWorkerThatOverrunsItsCreditFailsTheStream() throws SpeechException {
        AudioStream stream = start(JobKind.ONE_SHOT);
        for (int i = 0; i < 2 * CREDITS; i++) {
            worker.audio(stream.jobId(), (byte) i);
        }
        assertEquals(1, ends.get(), "the place is given back at once");
        SpeechException e = assertThrows(SpeechException.class, () -> {
            while (stream.read() != null) {
                // the audio within credit comes first
            }
        });
        assertEquals(SpeechException.Reason.WORKER_FAILED, e.reason());
    }

    @Test
    void closingCancelsTheJobAndEndsABlockedReader() throws Exception {
        AudioStream stream = start(JobKind.ONE_SHOT);
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.read();
            } catch (SpeechException e) {
                throw new IllegalStateException(e);
            }
        });
        stream.close();
        assertNull(reader.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(new ToWorker.Cancel(stream.jobId())), worker.received(ToWorker.Cancel.class));
        assertEquals(1, ends.get());
        stream.close();
        assertEquals(1, worker.received(ToWorker.Cancel.class).size(), "cancelled once");
    }

    @Test
    void aDeadWorkerFailsTheStream() throws SpeechException {
        AudioStream stream = start(JobKind.ONE_SHOT);
        worker.audio(stream.jobId(), (byte) 1);
        worker.die();
        assertEquals(1, ends.get());
        assertArrayEquals(new byte[] {1}, stream.read(), "what arrived is still read");
        assertEquals(SpeechException.Reason.WORKER_FAILED, assertThrows(SpeechException.class, stream::read).reason());
    }

    @Test
    void aOneShotReaderThatTakesNothingGetsItsJobCancelled() throws Exception {
        AudioStream stream = start(JobKind.ONE_SHOT);
        AtomicInteger abandoned = new AtomicInteger();
        stream.whenAbandoned(abandoned::incrementAndGet);
        stream.cancelIfStalled(0);
        assertTrue(worker.received(ToWorker.Cancel.class).isEmpty(), "no audio waits: nothing stalls");
        worker.audio(stream.jobId(), (byte) 1);
        Thread.sleep(5);
        stream.cancelIfStalled(0);
        assertEquals(List.of(new ToWorker.Cancel(stream.jobId())), worker.received(ToWorker.Cancel.class));
        assertEquals(1, ends.get(), "the place is given back although the reader never reads again");
        assertEquals(1, abandoned.get(), "the transport is told, to close the connection");
        stream.whenAbandoned(abandoned::incrementAndGet);
        assertEquals(2, abandoned.get(), "at once when it already happened");
        stream.read();
        assertEquals(SpeechException.Reason.CLIENT_STALLED, assertThrows(SpeechException.class, stream::read).reason());
    }

    @Test
    void aSessionsReaderMayWait() throws Exception {
        AudioStream stream = start(JobKind.SESSION);
        worker.audio(stream.jobId(), (byte) 1);
        Thread.sleep(5);
        stream.cancelIfStalled(0);
        assertTrue(worker.received(ToWorker.Cancel.class).isEmpty());
        assertEquals(0, ends.get());
        assertTrue(stream.millisSinceReaderTook() > 0, "the session's idle timeout sees the wait");
        assertFalse(stream.read() == null);
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stream.read();
            } catch (SpeechException e) {
                throw new AssertionError(e);
            }
        });
        while (reader.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        assertEquals(0, stream.millisSinceReaderTook(), "a reader waiting for more keeps up");
        worker.audio(stream.jobId(), (byte) 2);
        reader.join();
    }

    @Test
    void aReaderAwayWithWhatItTookFallsBehindThoughNothingWaits() throws Exception {
        AudioStream stream = start(JobKind.ONE_SHOT);
        worker.audio(stream.jobId(), (byte) 1);
        stream.read(); // and then the transport is stuck writing it to a client that reads nothing
        Thread.sleep(5);
        assertTrue(stream.millisSinceReaderTook() >= 5, "behind since its last take");
        stream.cancelIfStalled(1);
        assertEquals(1, worker.received(ToWorker.Cancel.class).size());
    }
}
