package org.assistantapi.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.assistantapi.encoders.AudioFormat;
import org.assistantapi.encoders.EncoderSettings;
import org.assistantapi.encoders.Encoders;
import org.assistantapi.engines.Synthesis;
import org.assistantapi.engines.SynthesisOptions;
import org.assistantapi.engines.Voice;
import org.assistantapi.workers.protocol.Frame;
import org.assistantapi.workers.protocol.FrameCodec;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.WorkerOptions;
import org.junit.jupiter.api.Test;

/** A job with the real espeak-ng voice and the real encoders (AAC through a real ffmpeg). */
class JobTest {

    private static final String SENTENCES = "The weather today is mild, with a light breeze from the west and a few "
            + "clouds in the afternoon, so a walk along the river should be pleasant. ";

    /**
     * Dropping an AAC job while ffmpeg still has output for it: the drop closes the encoder, which
     * waits for its pump thread, and the pump hands ffmpeg's last output to the job. Done under the
     * job's lock, this hung the synthesis thread (issue 13: after ~19 abandoned aac requests).
     */
    @Test
    void droppingAnAacJobWhileFfmpegStillWritesNeverHangs() throws Exception {
        try (EngineRegistry engines = EngineRegistry.open(new WorkerOptions("test", List.of(), 1, List.of(), Map.of()));
             Voice voice = engines.load("espeak:en-us")) {
            AtomicInteger released = new AtomicInteger();
            for (int i = 0; i < 30; i++) {
                Job job = job(i, voice, AudioFormat.AAC, 1, new ByteArrayOutputStream(), released::incrementAndGet);
                job.append(0, SENTENCES.repeat(3));
                job.step(Synthesis.NO_BUDGET);
                try {
                    CompletableFuture.runAsync(job::drop).get(20, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("dropping aac job " + i + " hung", e);
                }
                assertEquals(Job.State.DROPPED, job.state());
            }
            assertEquals(30, released.get());
        }
    }

    @Test
    void aJobEndsOnceItsTextIsSpokenAndTheEndHasCredit() throws Exception {
        try (EngineRegistry engines = EngineRegistry.open(new WorkerOptions("test", List.of(), 1, List.of(), Map.of()));
             Voice voice = engines.load("espeak:en-us")) {
            AtomicInteger released = new AtomicInteger();
            Job job = job(1, voice, AudioFormat.PCM, 0, new ByteArrayOutputStream(), released::incrementAndGet);
            job.append(0, "Hello there.");
            job.endText();
            assertTrue(job.ready());
            job.step(Synthesis.NO_BUDGET);
            assertEquals(Job.State.END_QUEUED, job.state(), "the audio waits for credit, and the End behind it");
            assertTrue(!job.ready() && job.ended() && !job.gone());
            job.grant(1_000);
            assertEquals(Job.State.ENDED, job.state());
            assertEquals(1, released.get());
            job.cancel();
            assertEquals(Job.State.ENDED, job.state(), "a cancel after the end changes nothing");
        }
    }

    /**
     * Every engine call after the first audio reports the listener's slack just before its audio;
     * the first does not. With the text's four sentences spoken far faster than real time, the
     * listener never runs dry.
     */
    @Test
    void eachDeliveryAfterTheFirstAudioReportsTheSlackBeforeIt() throws Exception {
        try (EngineRegistry engines = EngineRegistry.open(new WorkerOptions("test", List.of(), 1, List.of(), Map.of()));
             Voice voice = engines.load("espeak:en-us")) {
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            Job job = job(1, voice, AudioFormat.PCM, 1_000, sent, () -> { });
            job.append(0, "The lights are on. The door is locked. It is warm inside. Good night.");
            job.endText();
            while (!job.ended()) {
                job.step(Synthesis.NO_BUDGET);
            }
            List<FromWorker.Slack> slacks = new ArrayList<>();
            FrameCodec.Reader frames = new FrameCodec.Reader(new ByteArrayInputStream(sent.toByteArray()));
            for (Frame frame = frames.read(); frame != null; frame = frames.read()) {
                if (frame instanceof FromWorker.Slack slack) {
                    assertEquals(1, slack.jobId());
                    slacks.add(slack);
                }
            }
            assertEquals(3, slacks.size(), "four sentences, the first one's audio not reported: " + slacks);
            assertTrue(slacks.stream().allMatch(slack -> slack.slackMicros() > 0 && slack.waitedMicros() == 0),
                    "the listener has audio in hand: " + slacks);
        }
    }

    /** A job that reads its text as written, encodes at the voice's rate and sends its frames to {@code sent}. */
    /**
     * A job far ahead of its listener waits only while another job is ready to speak; beside one
     * that waits for its client's credit, it goes on (it paced a whole download to real time).
     */
    @Test
    void aJobFarAheadWaitsOnlyForOtherJobsThatAreReady() throws Exception {
        try (EngineRegistry engines = EngineRegistry.open(new WorkerOptions("test", List.of(), 1, List.of(), Map.of()));
             Voice voice = engines.load("espeak:en-us")) {
            long maxAhead = 500_000; // µs; one sentence of audio is more
            Job ahead = job(1, voice, AudioFormat.PCM, 1_000, new ByteArrayOutputStream(), () -> { });
            Job alsoAhead = job(2, voice, AudioFormat.PCM, 1_000, new ByteArrayOutputStream(), () -> { });
            Job blocked = job(3, voice, AudioFormat.PCM, 1, new ByteArrayOutputStream(), () -> { });
            for (Job job : List.of(ahead, alsoAhead, blocked)) {
                job.append(0, SENTENCES.repeat(3));
                job.step(Synthesis.NO_BUDGET);
            }
            assertTrue(!blocked.ready(), "its frames wait for credit");
            Duration sharedTurn = Duration.ofMillis(100);
            TurnOrder.Turn alone = TurnOrder.DEADLINE.next(new ArrayList<>(List.of(ahead)), System.nanoTime(), maxAhead, sharedTurn);
            assertEquals(Synthesis.NO_BUDGET, alone.budget(), "alone on the worker: no bound on its turn");
            TurnOrder.Turn beside = TurnOrder.DEADLINE.next(new ArrayList<>(List.of(ahead, blocked)), System.nanoTime(), maxAhead,
                    sharedTurn);
            assertEquals(ahead, beside.job(), "nobody else is ready: it goes on");
            assertEquals(sharedTurn, beside.budget(), "another job shares the worker, though not ready: a shared turn");
            TurnOrder.Turn both = TurnOrder.DEADLINE.next(new ArrayList<>(List.of(ahead, alsoAhead)), System.nanoTime(), maxAhead,
                    sharedTurn);
            assertEquals(null, both.job(), "two far ahead: both wait");
            assertTrue(both.waitNanos() > 0, "until the first is due");
        }
    }

    private static Job job(long id, Voice voice, AudioFormat format, int credits, ByteArrayOutputStream sent, Runnable onDone) {
        int rate = voice.info().sampleRate();
        return new Job(id, voice, text -> text, SynthesisOptions.DEFAULT,
                frames -> Encoders.open(format, rate, rate, EncoderSettings.defaults(), frames, false),
                Long.MAX_VALUE, credits, new WorkerOutput(new FrameCodec.Writer(sent)), onDone);
    }
}
