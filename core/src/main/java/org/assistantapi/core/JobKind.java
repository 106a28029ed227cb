package org.assistantapi.core;

/** What a job is for, which decides how its worker treats it and how its stream watches its reader. */
enum JobKind {
    /** One whole text; the job ends when it is spoken. A reader that stops taking audio gets it cancelled. */
    ONE_SHOT(false, false, true),
    /** A session's job: text follows through the stream; its reader may wait (the session's idle timeout rules). */
    SESSION(true, false, false),
    /** A session's job taken over on another worker after its first died: its audio continues the earlier stream's. */
    CONTINUATION(true, true, false);

    private final boolean moreText;
    private final boolean continuation;
    private final boolean cancelWhenStalled;

    JobKind(boolean moreText, boolean continuation, boolean cancelWhenStalled) {
        this.moreText = moreText;
        this.continuation = continuation;
        this.cancelWhenStalled = cancelWhenStalled;
    }

    /** More text follows through the stream after the job starts. */
    boolean moreText() {
        return moreText;
    }

    /** The audio continues an earlier job's stream (no new file header). */
    boolean continuation() {
        return continuation;
    }

    /** Whether a reader that takes nothing for too long gets the job cancelled. */
    boolean cancelWhenStalled() {
        return cancelWhenStalled;
    }
}
