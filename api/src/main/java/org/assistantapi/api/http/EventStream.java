package org.assistantapi.api.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.assistantapi.core.Spoken;
import org.assistantapi.core.SpokenSegment;
import org.assistantapi.core.SpokenWord;

/**
 * Server-Sent Events as OpenAI writes them: each event one {@code data:} line of JSON with a
 * {@code type}. Also how words and segments look in them: times in seconds on the audio's timeline.
 */
final class EventStream {

    static final String CONTENT_TYPE = "text/event-stream";

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventStream() {
    }

    static void write(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A word ({@code speech.word}) or segment ({@code speech.segment}); with or without its segment number. */
    static void write(OutputStream out, Spoken spoken, boolean withSegment) throws IOException {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", switch (spoken) {
            case SpokenWord word -> "speech.word";
            case SpokenSegment segment -> "speech.segment";
        });
        if (withSegment) {
            event.put("segment", spoken.segment());
        }
        event.put("text", spoken.text());
        event.put("start", seconds(spoken.startMicros()));
        event.put("end", seconds(spoken.endMicros()));
        try {
            write(out, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event could not be written as JSON", e);
        }
    }

    private static double seconds(long micros) {
        return micros / 1_000_000.0;
    }
}
