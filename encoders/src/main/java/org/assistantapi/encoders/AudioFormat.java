package org.assistantapi.encoders;

import java.util.Locale;
import java.util.Optional;

/** The output formats, named and typed as OpenAI's {@code response_format}. */
public enum AudioFormat {
    MP3("audio/mpeg"),
    OPUS("audio/opus"),
    AAC("audio/aac"),
    FLAC("audio/flac"),
    WAV("audio/wav"),
    PCM("audio/pcm");

    private final String contentType;

    AudioFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The name clients use, e.g. {@code mp3}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String contentType() {
        return contentType;
    }

    public static Optional<AudioFormat> byId(String id) {
        for (AudioFormat format : values()) {
            if (format.id().equals(id)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
