package org.assistantapi.dist.load;

import java.time.Duration;

/** How a client reads a response body once its first bytes have come. */
sealed interface ReadPolicy {

    ReadPolicy WHOLE = new Whole();
    ReadPolicy HANG_UP = new HangUp();

    /** Reads everything at once. */
    record Whole() implements ReadPolicy {
    }

    /** Reads nothing for a while, then the rest. */
    record Stall(Duration pause) implements ReadPolicy {
    }

    /** Closes the connection. */
    record HangUp() implements ReadPolicy {
    }
}
