package org.assistantapi.core;

import org.assistantapi.workers.protocol.FromWorker;

/** What a stream's reader learns besides audio, in audio order: words and finished segments. */
interface StreamMarks {

    /** Marks are not wanted. */
    StreamMarks NONE = new StreamMarks() {
        @Override
        public void word(FromWorker.Word word) {
        }

        @Override
        public void segmentSpoken(int segment, long audioMicros) {
        }
    };

    /** A word, on the job's own timeline. */
    void word(FromWorker.Word word);

    /** All audio of this segment came before; it lasted {@code audioMicros}. */
    void segmentSpoken(int segment, long audioMicros);
}
