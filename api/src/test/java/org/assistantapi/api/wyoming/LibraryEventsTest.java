package org.assistantapi.api.wyoming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.assistantapi.api.http.SynthesisLog;
import org.assistantapi.core.SpeechException;
import org.junit.jupiter.api.Test;

/**
 * Every event this server writes, read as the official {@code wyoming} Python library reads it
 * and checked as that library's {@code from_event} for its type uses it, in versions 1.7.1 (the
 * one Home Assistant pins) and 1.9.0. The library itself cannot run here (it is on PyPI only), so
 * this follows its source: {@code read_event} sets {@code data} to the header's {@code data} with
 * the bytes after the header merged in, and to None when there is neither; {@code from_event}
 * then indexes required fields ({@code event.data["rate"]}: a KeyError when missing) and calls
 * {@code event.data.get(...)} for optional ones (an AttributeError when data is None, which is
 * what {@code AudioStop.from_event} met when {@code audio-stop} came without data). Each event
 * must also carry every field the library's own event of that type writes.
 */
class LibraryEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A {@code from_event}: the fields it indexes, the fields it gets, and the fields the library's own event writes. */
    private record FromEvent(List<String> indexed, List<String> got, List<String> written) {
        static final FromEvent NONE = new FromEvent(List.of(), List.of(), List.of());
    }

    /** The library's events of the types this server writes, as defined in wyoming 1.7.1 and 1.9.0. */
    private static final Map<String, FromEvent> LIBRARY = Map.of(
            "audio-start", new FromEvent(List.of("rate", "width", "channels"), List.of("timestamp"),
                    List.of("rate", "width", "channels", "timestamp")),
            "audio-chunk", new FromEvent(List.of("rate", "width", "channels"), List.of("timestamp"),
                    List.of("rate", "width", "channels", "timestamp")),
            "audio-stop", new FromEvent(List.of(), List.of("timestamp"), List.of("timestamp")),
            "error", new FromEvent(List.of("text"), List.of("code"), List.of("text")),
            "pong", new FromEvent(List.of(), List.of("text"), List.of("text")),
            "info", new FromEvent(List.of(), List.of("asr", "tts", "handle", "intent", "wake", "mic", "snd", "satellite"),
                    List.of()),
            // SynthesizeStopped.from_event reads nothing, and its event() writes no data
            "synthesize-stopped", FromEvent.NONE);

    /** One event as the library's read_event leaves it. */
    private record LibraryEvent(String type, JsonNode data, byte[] payload) {
    }

    @Test
    void everyEventWeWriteParsesWithTheLibrarysFromEvent() throws IOException {
        byte[] pcm = {1, 0, 2, 0};
        ObjectNode info = TtsInfo.of(List.of()).data();
        List<WyomingEvent> written = List.of(
                new WyomingEvent.Info(info),
                new WyomingEvent.AudioStart(22050, 0),
                new WyomingEvent.AudioChunk(22050, pcm, 0),
                new WyomingEvent.AudioStop(1234),
                new WyomingEvent.SynthesizeStopped(),
                new WyomingEvent.Error("no voice", "voice_not_found"),
                new WyomingEvent.Error("no code", null),
                new WyomingEvent.Pong(null),
                new WyomingEvent.Pong("p"));
        List<LibraryEvent> read = readAsTheLibraryDoes(written);
        assertEquals(written.size(), read.size());
        for (LibraryEvent event : read) {
            FromEvent fromEvent = LIBRARY.get(event.type());
            assertNotNull(fromEvent, "a type the library knows: " + event.type());
            fromEvent(event, fromEvent);
        }
        assertArrayEquals(pcm, read.get(2).payload());
        assertEquals(1234, read.get(3).data().get("timestamp").asLong());
    }

    @Test
    void audioTimestampsCountTheMillisecondsBeforeEachEvent() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] tenthOfASecond = new byte[2 * 2205];
        AudioRelay relay = new AudioRelay(new WyomingWriter(wire), SynthesisLog.create(false, null).begin("wyoming", "synthesize"));
        List<byte[]> chunks = new ArrayList<>(List.of(tenthOfASecond, tenthOfASecond));
        try {
            relay.relay(() -> chunks.isEmpty() ? null : chunks.removeFirst(), 22050);
        } catch (SpeechException e) {
            throw new AssertionError(e);
        }
        List<Long> timestamps = readAsTheLibraryDoes(wire.toByteArray()).stream()
                .map(event -> event.data().get("timestamp").asLong()).toList();
        assertEquals(List.of(0L, 0L, 100L, 200L), timestamps, "start, two chunks, stop");
    }

    private static void fromEvent(LibraryEvent event, FromEvent fromEvent) {
        Consumer<String> index = field -> assertTrue(event.data() != null && event.data().has(field),
                event.type() + ": event.data[\"" + field + "\"] in " + event.data());
        if (!fromEvent.indexed().isEmpty() || !fromEvent.got().isEmpty()) {
            assertNotNull(event.data(), event.type() + ": event.data.get(...) needs data, not None");
        }
        fromEvent.indexed().forEach(index);
        fromEvent.written().forEach(index);
        if (event.data() != null) {
            assertTrue(event.data().isObject(), event.type() + ": data is a dict");
        }
        if (fromEvent == FromEvent.NONE) {
            assertFalse(event.data() != null && !event.data().isEmpty(), "nothing the library would not send");
        }
    }

    private static List<LibraryEvent> readAsTheLibraryDoes(List<WyomingEvent> events) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WyomingWriter writer = new WyomingWriter(wire);
        for (WyomingEvent event : events) {
            writer.write(event);
        }
        return readAsTheLibraryDoes(wire.toByteArray());
    }

    /** wyoming's event.py read_event: a JSON line, data_length bytes merged into its data, payload_length bytes. */
    private static List<LibraryEvent> readAsTheLibraryDoes(byte[] wire) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(wire));
        List<LibraryEvent> events = new ArrayList<>();
        while (in.available() > 0) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                line.write(b);
            }
            JsonNode header = JSON.readTree(line.toString(StandardCharsets.UTF_8));
            JsonNode data = header.has("data") ? header.get("data") : null;
            int dataLength = header.path("data_length").asInt(0);
            if (dataLength > 0) {
                byte[] bytes = in.readNBytes(dataLength);
                ObjectNode merged = data == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) data;
                merged.setAll((ObjectNode) JSON.readTree(bytes));
                data = merged;
            }
            byte[] payload = in.readNBytes(header.path("payload_length").asInt(0));
            events.add(new LibraryEvent(header.get("type").asText(), data, payload));
        }
        return events;
    }
}
