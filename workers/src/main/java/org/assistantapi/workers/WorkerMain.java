package org.assistantapi.workers;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.encoders.AudioFormat;
import org.assistantapi.encoders.Encoders;
import org.assistantapi.text.TextFrontEnd;
import org.assistantapi.workers.protocol.FormatDescriptor;
import org.assistantapi.workers.protocol.Frame;
import org.assistantapi.workers.protocol.FrameCodec;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.ToWorker;
import org.assistantapi.workers.protocol.WorkerOptions;

/**
 * A worker process. stdout carries frames only (anything else printed goes to stderr, which core
 * logs under the worker's id); stdin carries core's frames, and when it closes the worker exits,
 * so no worker outlives its server.
 */
public final class WorkerMain {

    private static final Logger LOG = Logger.getLogger(WorkerMain.class.getName());
    /** The exit status of a worker whose synthesis thread died (EX_SOFTWARE). */
    static final int SYNTHESIS_DIED = 70;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        WorkerOptions options = WorkerOptions.parse(args);
        WorkerLogging.toStderr();
        System.setOut(System.err); // stray prints from libraries must not corrupt the frame stream
        WorkerOutput output = new WorkerOutput(new FrameCodec.Writer(
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024)));
        EngineRegistry engines = EngineRegistry.open(options);
        VoiceCache voices = new VoiceCache(engines, options.maxLoadedVoices());
        JobScheduler scheduler = new JobScheduler(voices, WorkerTuning.encoders(options), WorkerTuning.scheduling(options),
                WorkerTuning.maxSegmentAudio(options), new TextFrontEnd(WorkerTuning.text(options)), output);

        scheduler.load(options.prewarmVoices()).stream()
                .filter(load -> load.error() != null)
                .forEach(load -> LOG.warning("prewarm of " + load.voice() + " failed: " + load.error()));
        output.send(new FromWorker.Ready(engines.describe(), describeFormats()));
        Thread synthesis = startSynthesis(scheduler, System::exit);
        VoiceWatcher.start(options.voiceDirs(), engines, voices, output);

        readUntilCoreCloses(scheduler);
        LOG.info(options.workerId() + ": stdin closed, exiting");
        synthesis.interrupt();
        System.exit(0);
    }

    private static void readUntilCoreCloses(JobScheduler scheduler) {
        FrameCodec.Reader reader = new FrameCodec.Reader(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
        try {
            for (Frame frame = reader.read(); frame != null; frame = reader.read()) {
                if (frame instanceof ToWorker toWorker) {
                    scheduler.accept(toWorker);
                } else {
                    LOG.warning("ignoring a frame meant for core: " + frame.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            LOG.log(Level.SEVERE, "unreadable input from core", e);
        }
    }

    /**
     * Starts the synthesis thread. Should it ever die of an exception (a bug: jobs' failures are
     * caught per job), the worker exits at once with {@link #SYNTHESIS_DIED}: its jobs' streams fail
     * now and core starts a replacement, where a worker left without its synthesis thread would
     * hold its jobs silent until core's heartbeat gave up on it (30 s).
     */
    static Thread startSynthesis(Runnable scheduler, IntConsumer exit) {
        return Thread.ofPlatform().name("synthesis").daemon().uncaughtExceptionHandler((thread, failure) -> {
            LOG.log(Level.SEVERE, "the synthesis thread died; exiting so that core restarts this worker", failure);
            exit.accept(SYNTHESIS_DIED);
        }).start(scheduler);
    }

    private static List<FormatDescriptor> describeFormats() {
        return java.util.Arrays.stream(AudioFormat.values())
                .filter(Encoders::isAvailable)
                .map(f -> new FormatDescriptor(f.id(), f.contentType()))
                .toList();
    }
}
