package org.assistantapi.workers.protocol;

import java.util.List;

/** Frames that core sends to a worker on its stdin. */
public sealed interface ToWorker extends Frame {

    /**
     * Starts a job: speak {@code text} with a voice and encode it as {@code format}, as segment 0.
     *
     * @param sampleRate   the output rate the client asked for, or 0 for the format's default
     * @param credits      how many audio frames the worker may send before it waits for {@link Credit}
     * @param moreText     more segments follow in {@link AppendText} until {@link EndText}; without
     *                     it the job ends once {@code text} is spoken
     * @param continuation the audio continues a stream another job began (after a worker died):
     *                     no container header where the format allows, a new chained stream for Ogg
     * @param wordTimings  send each spoken word's timing ({@link FromWorker.Word}) beside the audio
     * @param rawText      speak every segment as written: no text front-end (markup, numbers, lexicon)
     *                     before the engine
     */
    record StartJob(long jobId, String voice, String speaker, double speed, String format, int sampleRate,
                    int credits, String text, boolean moreText, boolean continuation, boolean wordTimings,
                    boolean rawText) implements ToWorker {
    }

    /**
     * Another segment of a job's text, spoken as one unit after those before it. The text
     * front-end reads each segment whole, so a number or URL within it is never split.
     */
    record AppendText(long jobId, int segment, String text) implements ToWorker {
    }

    /** No more text for the job: it ends once everything appended is spoken. */
    record EndText(long jobId) implements ToWorker {
    }

    /** Lets a job send this many more audio frames: the reader has taken that many off its queue. */
    record Credit(long jobId, int frames) implements ToWorker {
    }

    /** Drops a job at its next chunk: nobody will hear its audio. */
    record Cancel(long jobId) implements ToWorker {
    }

    /** A heartbeat; the worker answers with {@link FromWorker.Pong} from its synthesis thread. */
    record Ping(long sequence) implements ToWorker {
    }

    /**
     * A dry run: what the voice would say for {@code text} (after the text front-end unless
     * {@code rawText}) sentence by sentence, with phonemes, without synthesizing; answered by
     * {@link FromWorker.Phonemized}.
     */
    record Phonemize(long requestId, String voice, String text, boolean rawText) implements ToWorker {
    }

    /** Loads voices now, so that later jobs do not pay for it; answered by {@link FromWorker.Prewarmed}. */
    record Prewarm(long requestId, List<String> voices) implements ToWorker {
        public Prewarm {
            voices = List.copyOf(voices);
        }
    }
}
