package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The text front-end seen from outside: the dry run ({@code POST /v1/audio/normalize}) over the
 * text module's case tables, where the phonemes of each normalized text must equal espeak-ng's
 * phonemes of the expected words; and the audio of normalized, raw and session text.
 */
class NormalizationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tables' languages and an espeak voice of each. */
    private static final Map<String, String> VOICES = Map.of("en-us", "espeak:en-us", "en-gb", "espeak:en-gb", "de", "espeak:de");
    /** espeak-ng's audio for the same words varies by a few samples from call to call. */
    private static final double SAME_LENGTH = 0.01;
    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start("workers:\n  count: 1\n");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void theDryRunShowsTheWordsAndPhonemesOfEachSentence() throws Exception {
        JsonNode body = dryRun("espeak:en-us", "# Weather\n**Note:** it costs $49.95 at 8:00 pm.", true);
        assertEquals("espeak:en-us", body.get("voice").textValue());
        assertEquals("en-us", body.get("language").textValue());
        assertTrue(body.get("normalize").booleanValue());
        JsonNode sentences = body.get("sentences");
        assertEquals(2, sentences.size(), body.toString());
        assertEquals("Weather.", sentences.get(0).get("text").textValue());
        assertEquals("Note: it costs forty-nine dollars and ninety-five cents at eight P M.", sentences.get(1).get("text").textValue());
        assertFalse(sentences.get(1).get("phonemes").textValue().isBlank());
    }

    @Test
    void rawTextIsLeftAsWritten() throws Exception {
        JsonNode body = dryRun("espeak:en-us", "**Note:** $5", false);
        assertFalse(body.get("normalize").booleanValue());
        assertEquals("**Note:** $5", body.get("sentences").get(0).get("text").textValue());
    }

    @Test
    void theDryRunRejectsWhatSpeechRejects() throws Exception {
        SpeechErrorsIT.assertOpenAiError(server.postJson("/v1/audio/normalize", "{\"input\":\"hi\",\"voice\":\"nobody\"}"),
                400, "voice_not_found", "voice");
        SpeechErrorsIT.assertOpenAiError(server.postJson("/v1/audio/normalize", "{\"voice\":\"espeak:en-us\"}"),
                400, "missing_required_parameter", "input");
        SpeechErrorsIT.assertOpenAiError(server.postJson("/v1/audio/normalize", "{\"input\":\"hi\",\"normalize\":\"no\"}"),
                400, "invalid_type", "normalize");
    }

    /** Every case of the text module's tables: its words, and espeak-ng's phonemes of those words. */
    @TestFactory
    Stream<DynamicTest> caseTablesSoundLikeTheirExpectedWords() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, String> language : VOICES.entrySet()) {
            Path table = RunningServer.repo().resolve("text/src/test/resources/org/assistantapi/text/cases/" + language.getKey() + ".tsv");
            List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split("\t", -1);
                if (lines.get(i).startsWith("#") || cells.length != 3 || cells[2].isBlank()) {
                    continue;
                }
                String written = cells[1].replace("\\n", "\n");
                String expected = cells[2];
                String name = language.getKey() + ".tsv:" + (i + 1) + " " + written;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    JsonNode normalized = dryRun(language.getValue(), written, true);
                    assertEquals(expected, spaced(joined(normalized, "text")), name);
                    assertEquals(joined(dryRun(language.getValue(), expected, false), "phonemes"), joined(normalized, "phonemes"), name);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void markupIsNotReadAloud() throws Exception {
        String text = "**Note:** see [the docs](https://example.com/a/very/long/path/to/somewhere).";
        short[] normalized = speak(text, true);
        short[] raw = speak(text, false);
        assertTrue(normalized.length * 2 < raw.length, "without asterisks and the URL it is much shorter: "
                + normalized.length + " vs " + raw.length + " samples");
        assertSameLength(speak("Note: see the docs.", false), normalized);
    }

    /** A number split across two appends is read whole, because a session normalizes each flushed segment. */
    @Test
    void aSessionReadsASplitNumberWhole() throws Exception {
        String id = SessionsIT.create(server, "espeak:en-us", "wav");
        SessionsIT.append(server, id, "Call 555-", false);
        SessionsIT.append(server, id, "0134 today.", true);
        SessionsIT.close(server, id);
        HttpResponse<byte[]> audio = server.http().send(java.net.http.HttpRequest.newBuilder(
                server.uri("/v1/audio/speech/sessions/" + id + "/audio")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, audio.statusCode());
        assertSameLength(speak("Call five five five, zero one three four today.", false), Wav.parse(audio.body()).samples());
    }

    private static short[] speak(String text, boolean normalize) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/speech", JSON.writeValueAsString(Map.of(
                "input", text, "voice", "espeak:en-us", "response_format", "wav", "normalize", normalize)));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return Wav.parse(response.body()).samples();
    }

    private static void assertSameLength(short[] expected, short[] actual) {
        assertTrue(Math.abs(expected.length - actual.length) <= SAME_LENGTH * expected.length,
                "as long as the expected words: " + expected.length + " vs " + actual.length + " samples");
    }

    /** Sentences joined with spaces, without one before a closing bracket ("MwSt." ")" split there). */
    private static String spaced(String joined) {
        return joined.replaceAll(" (?=[)\\]])", "");
    }

    private static JsonNode dryRun(String voice, String text, boolean normalize) throws Exception {
        HttpResponse<byte[]> response = server.postJson("/v1/audio/normalize",
                JSON.writeValueAsString(Map.of("input", text, "voice", voice, "normalize", normalize)));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        return JSON.readTree(response.body());
    }

    private static String joined(JsonNode dryRun, String field) {
        List<String> parts = new ArrayList<>();
        dryRun.get("sentences").forEach(sentence -> parts.add(sentence.get(field).textValue()));
        return String.join(" ", parts);
    }
}
