package org.assistantapi.core;

/**
 * One text to speak, as any transport hands it to core.
 *
 * @param text       what to say
 * @param model      the client's model name (OpenAI's {@code tts-1}...), or null
 * @param voice      a voice id, e.g. {@code espeak:en-us}, optionally {@code :speaker}; an OpenAI
 *                   voice name; or null for the default voice
 * @param speaker    a speaker name or number for multi-speaker voices, or null
 * @param format     an output format id, e.g. {@code mp3}
 * @param speed      0.25 to 4.0, 1.0 being the voice's own pace
 * @param sampleRate the output rate asked for, or 0 for the format's default
 * @param normalization whether the text front-end reads the text into words first
 */
public record SpeechRequest(String text, String model, String voice, String speaker, String format, double speed, int sampleRate,
                            TextNormalization normalization) {

    /** A request whose text is normalized (the default). */
    public SpeechRequest(String text, String model, String voice, String speaker, String format, double speed, int sampleRate) {
        this(text, model, voice, speaker, format, speed, sampleRate, TextNormalization.ON);
    }

    public SpeechRequest {
        normalization = normalization == null ? TextNormalization.ON : normalization;
    }
}
