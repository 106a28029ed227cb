package org.assistantapi.api.wyoming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WyomingFramingTest {

    @Test
    void eventsRoundTripWithDataAndPayload() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        WyomingWriter writer = new WyomingWriter(wire);
        byte[] pcm = {1, 2, 3, 4, (byte) 0xff, '\n'};
        writer.write(new WyomingEvent.Synthesize("Hello.\nWorld, \"quoted\" é", new WyomingEvent.VoiceWish("v", null, "3")));
        writer.write(new WyomingEvent.AudioChunk(22050, pcm, 0));
        writer.write(new WyomingEvent.SynthesizeStop());

        String first = wire.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertTrue(first.contains("\"data_length\":"), first);

        WyomingReader reader = new WyomingReader(new ByteArrayInputStream(wire.toByteArray()));
        assertEquals(new WyomingEvent.Synthesize("Hello.\nWorld, \"quoted\" é", new WyomingEvent.VoiceWish("v", null, "3")),
                reader.read());
        WyomingEvent.AudioChunk chunk = assertInstanceOf(WyomingEvent.AudioChunk.class, reader.read());
        assertEquals(22050, chunk.rate());
        assertArrayEquals(pcm, chunk.pcm());
        assertEquals(new WyomingEvent.SynthesizeStop(), reader.read());
        assertNull(reader.read());
    }

    @Test
    void dataInTheHeaderIsMergedWithDataAfterIt() throws Exception {
        String data = "{\"text\":\"after\"}";
        String wire = "{\"type\":\"synthesize\",\"data\":{\"text\":\"inline\",\"voice\":{\"name\":\"x\"}},\"data_length\":"
                + data.length() + "}\n" + data;
        assertEquals(new WyomingEvent.Synthesize("after", new WyomingEvent.VoiceWish("x", null, null)), read(wire));
    }

    @Test
    void unknownTypesArriveAsOther() throws Exception {
        WyomingEvent.Other other = assertInstanceOf(WyomingEvent.Other.class,
                read("{\"type\":\"transcribe\",\"payload_length\":2}\nab"));
        assertEquals("transcribe", other.type());
        assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), other.payload());
    }

    @Test
    void brokenFramingIsAProtocolError() {
        assertThrows(WyomingProtocolException.class, () -> read("not json\n"));
        assertThrows(WyomingProtocolException.class, () -> read("{\"data\":{}}\n"));
        assertThrows(WyomingProtocolException.class, () -> read("{\"type\":\"describe\",\"data_length\":-1}\n"));
        assertThrows(WyomingProtocolException.class, () -> read("{\"type\":\"describe\",\"payload_length\":1e12}\n"));
        assertThrows(WyomingProtocolException.class, () -> read("{\"type\":\"synthesize\",\"data\":{}}\n"));
        assertThrows(WyomingProtocolException.class, () -> read("x".repeat(WyomingReader.MAX_HEADER_BYTES + 1) + "\n"));
        assertThrows(EOFException.class, () -> read("{\"type\":\"audio-chunk\",\"payload_length\":10}\nabc"));
    }

    private static WyomingEvent read(String wire) throws IOException, WyomingProtocolException {
        return new WyomingReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8))).read();
    }
}
