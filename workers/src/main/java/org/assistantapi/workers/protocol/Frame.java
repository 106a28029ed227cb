package org.assistantapi.workers.protocol;

/**
 * One message on a worker's pipes. Frames travel as {@code int length, byte type, body}; see
 * {@link FrameCodec}. Every job frame carries its job id, so one worker interleaves many jobs.
 */
public sealed interface Frame permits ToWorker, FromWorker {
}
