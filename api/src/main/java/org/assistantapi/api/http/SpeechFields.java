package org.assistantapi.api.http;

import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.WordTimings;
import org.assistantapi.core.TextNormalization;

/** The speech fields OpenAI's request body and a session's creation share. */
final class SpeechFields {

    private SpeechFields() {
    }

    /** The request field that asks for each spoken word's timing. */
    static final String INCLUDE_WORD_TIMINGS = "include_word_timings";

    /** Whether the body asks for word timings ({@code include_word_timings}, false when left out). */
    static WordTimings wordTimings(Fields fields) {
        return fields.bool(INCLUDE_WORD_TIMINGS).orElse(false) ? WordTimings.INCLUDED : WordTimings.EXCLUDED;
    }

    /** A request for {@code input}, with OpenAI's defaults for what the body leaves out. */
    static SpeechRequest parse(Fields fields, String input) {
        String model = fields.string("model").orElse(null);
        String voice = fields.string("voice").orElse(null);
        String format = fields.string("response_format").orElse("mp3");
        double speed = fields.number("speed").orElse(1.0);
        int sampleRate = fields.integer("sample_rate").orElse(0);
        if (sampleRate < 0) {
            throw OpenAiError.invalid("sample_rate", "invalid_value", "'sample_rate' must be positive");
        }
        TextNormalization normalization = fields.bool("normalize").orElse(true) ? TextNormalization.ON : TextNormalization.OFF;
        return new SpeechRequest(input, model, voice, null, format, speed, sampleRate, normalization);
    }
}
