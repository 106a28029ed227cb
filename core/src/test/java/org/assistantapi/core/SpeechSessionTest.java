package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.assistantapi.workers.protocol.ToWorker;

/** Sessions against fake workers: order of segments, moving to another worker, the limits, and every way one ends. */
class SpeechSessionTest {

    private final List<FakeWorker> workers = new ArrayList<>(List.of(new FakeWorker(), new FakeWorker()));
    private SpeechSessions sessions;

    private SpeechSessions sessions(int max, Duration idleTimeout) {
        JobStarter jobs = new JobStarter(FakeWorker.picker(workers), new CrashingTexts(), 8, Duration.ofMillis(200));
        sessions = new SpeechSessions(FakeWorker.validator(), jobs, new SessionSettings(max, 1000, idleTimeout, max), "test");
        return sessions;
    }

    @AfterEach
    void closeSessions() {
        sessions.close();
    }

    @Test
    void segmentsAreSpokenInTheOrderTheyWereFlushed() throws SpeechException {
        SpeechSession session = sessions(1, Duration.ofHours(1)).open(FakeWorker.REQUEST);
        session.append("One. ", true);
        session.append("Two, ", false);
        session.append("three. ", true);
        session.append("Four.", false);
        session.close();
        FakeWorker worker = workers.getFirst();
        long job = worker.lastJob();
        assertEquals(List.of(new ToWorker.AppendText(job, 0, "One. "), new ToWorker.AppendText(job, 1, "Two, three. "),
                new ToWorker.AppendText(job, 2, "Four.")), worker.received(ToWorker.AppendText.class));
        assertEquals(List.of(new ToWorker.EndText(job)), worker.received(ToWorker.EndText.class));
        assertEquals(SpeechException.Reason.SESSION_CLOSED,
                assertThrows(SpeechException.class, () -> session.append("Five.", true)).reason());
    }

    @Test
    void theSessionGoesOnOnAnotherWorkerFromItsFirstUnconfirmedSegment() throws SpeechException {
        FakeWorker second = workers.get(1).speaking();
        SpeechSession session = sessions(1, Duration.ofHours(1)).open(FakeWorker.REQUEST);
        FakeWorker first = workers.getFirst();
        long firstJob = first.lastJob();
        session.append("Zero. ", true);
        session.append("One. ", true);
        session.append("Two. ", true);
        session.close();
        first.audio(firstJob, (byte) 0);
        first.spoken(firstJob, 0);
        first.audio(firstJob, (byte) 1); // part of segment 1, which is spoken again in full
        first.die();

        List<Byte> heard = new ArrayList<>();
        try (SessionAudio audio = session.openAudio()) {
            for (byte[] chunk = audio.read(); chunk != null; chunk = audio.read()) {
                heard.add(chunk[0]);
            }
        }
        assertEquals(List.of((byte) 0, (byte) 1, (byte) 1, (byte) 2), heard);
        long secondJob = second.lastJob();
        ToWorker.StartJob continuation = second.received(ToWorker.StartJob.class).getFirst();
        assertTrue(continuation.continuation() && continuation.moreText());
        assertEquals(List.of(new ToWorker.AppendText(secondJob, 1, "One. "), new ToWorker.AppendText(secondJob, 2, "Two. ")),
                second.received(ToWorker.AppendText.class));
        assertEquals(List.of(new ToWorker.EndText(secondJob)), second.received(ToWorker.EndText.class));
        assertEquals(0, sessions.count(), "the session ended with its audio and gave back its place");
    }

    @Test
    void aSegmentThatKeepsKillingWorkersEndsTheSession() throws SpeechException {
        workers.clear();
        for (int i = 0; i < 10; i++) {
            workers.add(new FakeWorker().dyingOnText());
        }
        SpeechSession session = sessions(1, Duration.ofHours(1)).open(FakeWorker.REQUEST);
        session.append("Deadly. ", true);
        try (SessionAudio audio = session.openAudio()) {
            SpeechException e = assertThrows(SpeechException.class, audio::read);
            assertEquals(SpeechException.Reason.WORKER_FAILED, e.reason());
        }
        long tried = workers.stream().filter(worker -> !worker.received(ToWorker.StartJob.class).isEmpty()).count();
        assertEquals(4, tried, "the session's worker and three replacements, then no more");
        assertEquals(0, sessions.count());
        assertEquals(SpeechException.Reason.SESSION_NOT_FOUND,
                assertThrows(SpeechException.class, () -> session.append("More.", true)).reason());
    }

    @Test
    void aSessionNobodyUsesEndsAfterItsIdleTimeout() throws Exception {
        SpeechSessions idle = sessions(1, Duration.ofMillis(1));
        SpeechSession session = idle.open(FakeWorker.REQUEST);
        awaitNoSessions(idle);
        assertEquals(List.of(new ToWorker.Cancel(workers.getFirst().lastJob())),
                workers.getFirst().received(ToWorker.Cancel.class));
        assertThrows(SpeechException.class, () -> idle.get(session.id()));
    }

    @Test
    void aReaderThatTakesNothingWhileAudioWaitsEndsTheSession() throws Exception {
        SpeechSession session = sessions(1, Duration.ofMillis(1)).open(FakeWorker.REQUEST);
        SessionAudio audio = session.openAudio();
        assertFalse(session.idle(), "a reader that has nothing to take is not stalled");
        workers.getFirst().audio(workers.getFirst().lastJob(), (byte) 1);
        awaitNoSessions(sessions);
        assertTrue(session.ended());
        audio.close();
    }

    @Test
    void anActiveSessionIsNotIdle() throws SpeechException {
        SpeechSession session = sessions(1, Duration.ofHours(1)).open(FakeWorker.REQUEST);
        session.openAudio();
        workers.getFirst().audio(workers.getFirst().lastJob(), (byte) 1);
        assertFalse(session.idle());
    }

    /** However a session ends (or fails to open), its place is given back. */
    @Test
    void everyEndingGivesBackThePlace() throws Exception {
        SpeechSessions one = sessions(1, Duration.ofHours(1));

        SpeechSession cancelled = one.open(FakeWorker.REQUEST);
        assertEquals(SpeechException.Reason.TOO_MANY_SESSIONS,
                assertThrows(SpeechException.class, () -> one.open(FakeWorker.REQUEST)).reason());
        one.cancel(cancelled.id());
        assertEquals(0, one.count());

        SpeechSession finished = one.open(FakeWorker.REQUEST);
        finished.close();
        workers.getFirst().end(workers.getFirst().lastJob());
        try (SessionAudio audio = finished.openAudio()) {
            assertNull(audio.read());
        }
        assertEquals(0, one.count());

        workers.getFirst().answering(FakeWorker.Answer.REFUSE);
        assertEquals(SpeechException.Reason.VOICE_UNAVAILABLE,
                assertThrows(SpeechException.class, () -> one.open(FakeWorker.REQUEST)).reason());
        assertEquals(0, one.count());
        SpeechRequest unknownVoice = new SpeechRequest("", null, "no-such-voice", null, "pcm", 1.0, 0);
        assertEquals(SpeechException.Reason.VOICE_NOT_FOUND,
                assertThrows(SpeechException.class, () -> one.open(unknownVoice)).reason());
        assertEquals(0, one.count());

        workers.getFirst().answering(FakeWorker.Answer.START);
        SpeechSession orphaned = one.open(FakeWorker.REQUEST);
        workers.forEach(FakeWorker::die); // and no worker takes it over
        try (SessionAudio audio = orphaned.openAudio()) {
            assertEquals(SpeechException.Reason.WORKER_FAILED, assertThrows(SpeechException.class, audio::read).reason());
        }
        assertEquals(0, one.count());
    }

    /** The reaper looks every half second; the deadline only keeps a broken build from hanging. */
    private static void awaitNoSessions(SpeechSessions sessions) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sessions.count() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, sessions.count());
    }
}
