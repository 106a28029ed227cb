package org.assistantapi.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Parsing rhasspy/piper-voices' voices.json, suggestions and URLs. */
class VoiceCatalogTest {

    /** An excerpt in the catalog's shape, with the fields this command ignores. */
    private static final String CATALOG = """
            {
              "en_US-lessac-medium": {
                "key": "en_US-lessac-medium", "name": "lessac",
                "language": {"code": "en_US", "family": "en", "region": "US", "name_native": "English",
                             "name_english": "English", "country_english": "United States"},
                "quality": "medium", "num_speakers": 1, "speaker_id_map": {}, "aliases": ["en-us-lessac-medium"],
                "files": {
                  "en/en_US/lessac/medium/en_US-lessac-medium.onnx": {"size_bytes": 63201294, "md5_digest": "2E3E7A5A0A1B2C3D4E5F60718293A4B5"},
                  "en/en_US/lessac/medium/en_US-lessac-medium.onnx.json": {"size_bytes": 4885, "md5_digest": "a0b1c2d3e4f5061728394a5b6c7d8e9f"},
                  "en/en_US/lessac/medium/MODEL_CARD": {"size_bytes": 351, "md5_digest": "00112233445566778899aabbccddeeff"}
                }
              },
              "en_US-lessac-high": {"files": {}},
              "en_US-amy-low": {"files": {
                  "en/en_US/amy/low/en_US-amy-low.onnx": {"size_bytes": "big", "md5_digest": "00112233445566778899aabbccddeeff"},
                  "en/en_US/amy/low/en_US-amy-low.onnx.json": {"size_bytes": 1, "md5_digest": "00112233445566778899aabbccddeeff"}}},
              "en_GB-alan-low": {}, "de_DE-thorsten-medium": {}, "de_DE-thorsten-high": {}
            }
            """;

    private static VoiceCatalog catalog() throws DownloadException {
        return VoiceCatalog.parse(CATALOG.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aVoiceIsItsConfigThenItsModel() throws DownloadException {
        CatalogVoice voice = catalog().voice("en_US-lessac-medium").orElseThrow();
        assertEquals(List.of(
                new CatalogFile("en/en_US/lessac/medium/en_US-lessac-medium.onnx.json", "en_US-lessac-medium.onnx.json",
                        4885, "a0b1c2d3e4f5061728394a5b6c7d8e9f"),
                new CatalogFile("en/en_US/lessac/medium/en_US-lessac-medium.onnx", "en_US-lessac-medium.onnx",
                        63201294, "2e3e7a5a0a1b2c3d4e5f60718293a4b5")), voice.files());
        assertEquals(63201294 + 4885, voice.sizeBytes());
        assertEquals(Optional.empty(), catalog().voice("en_US-nobody-low"));
    }

    @Test
    void aBrokenEntryIsAnError() throws DownloadException {
        VoiceCatalog catalog = catalog();
        assertEquals("the voice catalog lists no file en_US-lessac-high.onnx.json",
                assertThrows(DownloadException.class, () -> catalog.voice("en_US-lessac-high")).getMessage());
        assertEquals("the voice catalog lacks a valid size_bytes or md5_digest for en/en_US/amy/low/en_US-amy-low.onnx",
                assertThrows(DownloadException.class, () -> catalog.voice("en_US-amy-low")).getMessage());
    }

    @Test
    void notACatalog() {
        assertTrue(assertThrows(DownloadException.class, () -> VoiceCatalog.parse("<html>".getBytes(StandardCharsets.UTF_8)))
                .getMessage().startsWith("the voice catalog is not valid JSON: "));
        assertEquals("the voice catalog is not a JSON object of voices",
                assertThrows(DownloadException.class, () -> VoiceCatalog.parse("[]".getBytes(StandardCharsets.UTF_8))).getMessage());
    }

    @Test
    void closeMatchesShareTheLocaleElseTheLanguageClosestFirst() throws DownloadException {
        VoiceCatalog catalog = catalog();
        assertEquals(List.of("en_US-lessac-medium", "en_US-lessac-high", "en_US-amy-low"), catalog.closeMatches("en_US-lesac-medium"));
        assertEquals(List.of("de_DE-thorsten-high", "de_DE-thorsten-medium"), catalog.closeMatches("de_AT-thorsten-high"));
        assertEquals(List.of(), catalog.closeMatches("fr_FR-siwis-low"));
    }

    @Test
    void urlsAreBelowTheBaseQuoted() throws DownloadException {
        URI base = URI.create("https://huggingface.co/rhasspy/piper-voices/resolve/main");
        assertEquals(URI.create("https://huggingface.co/rhasspy/piper-voices/resolve/main/voices.json"), VoiceCatalog.url(base, "voices.json"));
        assertEquals(URI.create("http://mirror.local:8080/piper/a%20b/x.onnx"),
                VoiceCatalog.url(URI.create("http://mirror.local:8080/piper/"), "a b/x.onnx"));
    }
}
