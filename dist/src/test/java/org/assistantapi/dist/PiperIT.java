package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Piper voices (the project's tone test voices) served over HTTP by real workers on ONNX Runtime. */
class PiperIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\nvoices:\n  dirs:\n    - "
                + RunningServer.repo().resolve("engines/src/test/voices") + "\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Wav speak(String voice) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech",
                "{\"model\":\"tts-1\",\"input\":\"Hello there. How are you?\",\"voice\":\"" + voice + "\",\"response_format\":\"wav\"}");
        assertEquals(200, response.statusCode(), new String(response.body()));
        return Wav.parse(response.body());
    }

    @Test
    void listsPiperVoicesWithRatesAndSpeakers() throws Exception {
        JsonNode voices = JSON.readTree(server.get("/v1/audio/voices").body());
        JsonNode multi = null;
        for (JsonNode voice : voices.get("data")) {
            if (voice.get("id").textValue().equals("en_US-tonesmulti-low")) {
                multi = voice;
            }
        }
        assertTrue(multi != null, voices.toString());
        assertEquals("piper", multi.get("engine").textValue());
        assertEquals(16000, multi.get("sample_rate").intValue());
        assertEquals(3, multi.get("speakers").intValue());
        assertEquals(1, multi.get("speaker_ids").get("bob").intValue());
        assertEquals("en_US-tones-medium", voices.get("default").textValue(), "an installed Piper voice is the default");
    }

    @Test
    void speaksAtTheVoicesOwnRate() throws Exception {
        Wav single = speak("en_US-tones-medium");
        assertEquals(22050, single.sampleRate());
        assertTrue(single.seconds() > 0.5, "duration " + single.seconds());
        Wav multi = speak("en_US-tonesmulti-low");
        assertEquals(16000, multi.sampleRate());
    }

    @Test
    void speakerByNameOrNumberChangesTheAudio() throws Exception {
        Wav alice = speak("en_US-tonesmulti-low:alice");
        Wav bob = speak("en_US-tonesmulti-low:bob");
        Wav one = speak("en_US-tonesmulti-low:1");
        assertEquals(java.util.Arrays.hashCode(bob.samples()), java.util.Arrays.hashCode(one.samples()), "bob is speaker 1");
        assertNotEquals(java.util.Arrays.hashCode(alice.samples()), java.util.Arrays.hashCode(bob.samples()));
        HttpResponse<byte[]> bad = server.postJson("/v1/audio/speech",
                "{\"input\":\"Hi.\",\"voice\":\"en_US-tonesmulti-low:zed\"}");
        SpeechErrorsIT.assertOpenAiError(bad, 400, "invalid_speaker", "voice");
    }

    @Test
    void openAiVoiceNamesSpeakWithTheDefaultVoice() throws Exception {
        Wav alloy = speak("alloy");
        assertEquals(22050, alloy.sampleRate());
        assertEquals(java.util.Arrays.hashCode(speak("en_US-tones-medium").samples()), java.util.Arrays.hashCode(alloy.samples()));
    }

    @Test
    void listsOpenAiModels() throws Exception {
        JsonNode models = JSON.readTree(server.get("/v1/models").body());
        assertEquals("list", models.get("object").textValue());
        assertEquals("tts-1", models.get("data").get(0).get("id").textValue());
    }
}
