package org.assistantapi.core;

/**
 * One-shot speech streams.
 *
 * @param bufferFrames audio frames buffered per stream between a worker and its reader
 * @param maxStreams   one-shot streams open at once, every transport together
 * @param maxPerOwner  one-shot streams open at once with the same owner (a transport's caller identity)
 */
public record StreamSettings(int bufferFrames, int maxStreams, int maxPerOwner) {

    public StreamSettings {
        if (bufferFrames < 2) {
            throw new IllegalArgumentException("a stream buffers at least 2 frames");
        }
        if (maxStreams < 1 || maxPerOwner < 1) {
            throw new IllegalArgumentException("stream limits must be positive");
        }
    }
}
