package org.assistantapi.api.wyoming;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Wyoming events this server reads or writes, as records; {@link EventCodec} maps them to and
 * from the wire's {@code type} and {@code data}. Events of other types arrive as {@link Other}.
 */
sealed interface WyomingEvent {

    /** The PCM format the server writes: 16-bit mono. */
    int WIDTH = 2;
    int CHANNELS = 1;

    /** A voice as a client asks for it; every part may be null. */
    record VoiceWish(String name, String language, String speaker) {
        static final VoiceWish ANY = new VoiceWish(null, null, null);
    }

    record Describe() implements WyomingEvent {
    }

    /** The answer to {@link Describe}; {@code data} is built by {@link TtsInfo}. */
    record Info(ObjectNode data) implements WyomingEvent {
    }

    record Synthesize(String text, VoiceWish voice) implements WyomingEvent {
    }

    record SynthesizeStart(VoiceWish voice) implements WyomingEvent {
    }

    record SynthesizeChunk(String text) implements WyomingEvent {
    }

    record SynthesizeStop() implements WyomingEvent {
    }

    record SynthesizeStopped() implements WyomingEvent {
    }

    /** {@code timestamp}: milliseconds of audio in the stream before this event, as the library's audio events carry it. */
    record AudioStart(int rate, long timestamp) implements WyomingEvent {
    }

    record AudioChunk(int rate, byte[] pcm, long timestamp) implements WyomingEvent {
    }

    record AudioStop(long timestamp) implements WyomingEvent {
    }

    record Error(String text, String code) implements WyomingEvent {
    }

    record Ping(String text) implements WyomingEvent {
    }

    record Pong(String text) implements WyomingEvent {
    }

    /** An event of a type this server does not handle; it is ignored, as the protocol asks. */
    record Other(String type, ObjectNode data, byte[] payload) implements WyomingEvent {
    }
}
