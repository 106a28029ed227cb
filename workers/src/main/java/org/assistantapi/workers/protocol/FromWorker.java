package org.assistantapi.workers.protocol;

import java.util.List;

/** Frames that a worker sends to core on its stdout. */
public sealed interface FromWorker extends Frame {

    /** The worker is up: the voices it can speak and the formats it can encode. Always the first frame. */
    record Ready(List<VoiceDescriptor> voices, List<FormatDescriptor> formats) implements FromWorker {
        public Ready {
            voices = List.copyOf(voices);
            formats = List.copyOf(formats);
        }
    }

    /**
     * The worker's voices changed while it ran (files added, replaced or removed in a voice
     * directory): the whole list as it is now. Jobs already speaking a removed or replaced voice
     * finish with the files they started with.
     */
    record CatalogChanged(List<VoiceDescriptor> voices) implements FromWorker {
        public CatalogChanged {
            voices = List.copyOf(voices);
        }
    }

    /** The job was accepted: its audio will be {@code contentType} at {@code sampleRate}. */
    record Started(long jobId, String contentType, int sampleRate) implements FromWorker {
    }

    /** Encoded audio, in order. Each one uses up one credit. */
    record Audio(long jobId, byte[] data) implements FromWorker {
    }

    /**
     * Every frame of this segment's audio was sent before this frame. It lasts {@code audioMicros}
     * at the voice's rate, and the engine took {@code engineMicros} to make it (encoding excluded):
     * their ratio is the engine's real-time factor.
     */
    record SegmentSpoken(long jobId, int segment, long audioMicros, long engineMicros) implements FromWorker {
    }

    /**
     * A word of segment {@code segment}, sent only to a job started with word timings, after the
     * audio frames that carry its end (or in the same encoder flush): from {@code startMicros} to
     * {@code endMicros} on the job's own audio timeline (from its first sample). Words come in
     * order and do not overlap. Takes no credit.
     */
    record Word(long jobId, int segment, String text, long startMicros, long endMicros) implements FromWorker {
    }

    /**
     * The synthesis thread is about to run the engine on this job's segment (sent before each
     * engine call that speaks or splits a segment other than the last one announced, and flushed
     * first). If the worker dies by a crash signal, core blames the text of the last one announced.
     * Job -1, segment -1: the engine reads no job's text now (it is loading a voice).
     */
    record Speaking(long jobId, int segment) implements FromWorker {
    }

    /**
     * The job just delivered audio in the middle of its listener's speech (not its first audio,
     * nor a session's first after its listener heard everything while no text waited), as the
     * worker's playback clock saw it just before: {@code slackMicros}, the audio delivered minus
     * the time since the first audio (the deadline the scheduler works to, below zero while the job
     * is late); {@code waitedMicros}, how long a player that waits when it runs dry had been waiting
     * for this audio with text waiting (above zero: the listener heard a gap). One per engine call;
     * takes no credit and does not wait behind the job's audio.
     */
    record Slack(long jobId, long slackMicros, long waitedMicros) implements FromWorker {
    }

    /**
     * The job's engine call was stopped for another job whose listener was due well before its
     * own (the worker's scheduler preempted its turn): the call spoke nothing, and the
     * {@code lostMicros} of compute it had spent are spent again at a later turn (they are not in
     * the segment's {@link SegmentSpoken#engineMicros}). Takes no credit.
     */
    record Preempted(long jobId, long lostMicros) implements FromWorker {
    }

    /** The job's audio is complete. */
    record End(long jobId) implements FromWorker {
    }

    /** The job failed; {@code code} says why, the message is for people. */
    record Failed(long jobId, FailureCode code, String message) implements FromWorker {
    }

    /**
     * Answers a {@link ToWorker.Ping}: the jobs the worker has in hand (including paused ones and
     * those whose audio still waits for credit), and the voices it has loaded.
     */
    record Pong(long sequence, int activeJobs, List<String> loadedVoices) implements FromWorker {
        public Pong {
            loadedVoices = List.copyOf(loadedVoices);
        }
    }

    /** Answers a {@link ToWorker.Prewarm}: how each voice fared. */
    record Prewarmed(long requestId, List<VoiceLoad> loads) implements FromWorker {
        public Prewarmed {
            loads = List.copyOf(loads);
        }
    }

    /**
     * Answers a {@link ToWorker.Phonemize}: the sentences and their phonemes, or (when
     * {@code errorCode} is not null) why there are none, with a stable code as in {@link Failed}.
     */
    record Phonemized(long requestId, List<Sentence> sentences, FailureCode errorCode, String errorMessage)
            implements FromWorker {
        public Phonemized {
            sentences = List.copyOf(sentences);
        }
    }

    /** A sentence as the voice would speak it: its words and its phonemes. */
    record Sentence(String text, String phonemes) {
    }

    /** One voice's prewarm: load time in milliseconds, or the error that stopped it (null when loaded). */
    record VoiceLoad(String voice, long millis, String error) {
    }
}
