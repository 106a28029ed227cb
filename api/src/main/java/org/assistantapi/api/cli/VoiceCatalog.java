package org.assistantapi.api.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Piper voice catalog: {@code voices.json} of rhasspy/piper-voices, an object keyed by voice
 * id whose values list the voice's {@code files} (path below the catalog's base URL, with
 * {@code size_bytes} and {@code md5_digest}). Fields this command does not need are ignored.
 */
final class VoiceCatalog {

    static final String FILE = "voices.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final int MAX_SUGGESTIONS = 10;

    private final Map<String, JsonNode> entries;

    private VoiceCatalog(Map<String, JsonNode> entries) {
        this.entries = entries;
    }

    static VoiceCatalog parse(byte[] json) throws DownloadException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new DownloadException("the voice catalog is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new DownloadException("the voice catalog is not a JSON object of voices");
        }
        Map<String, JsonNode> entries = new TreeMap<>();
        root.properties().forEach(entry -> entries.put(entry.getKey(), entry.getValue()));
        return new VoiceCatalog(entries);
    }

    /** The URL of {@code path} below the catalog's {@code base}, each segment quoted as needed. */
    static URI url(URI base, String path) throws DownloadException {
        String basePath = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        try {
            return new URI(base.getScheme(), base.getAuthority(), basePath + "/" + path, null, null);
        } catch (URISyntaxException e) {
            throw new DownloadException("cannot make a URL of " + base + " and " + path + ": " + e.getMessage(), e);
        }
    }

    /** The voice {@code id}, if the catalog has it; an entry without a well-formed model and config is an error. */
    Optional<CatalogVoice> voice(String id) throws DownloadException {
        JsonNode entry = entries.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        JsonNode files = entry.path("files");
        return Optional.of(new CatalogVoice(id, List.of(file(files, id + ".onnx.json"), file(files, id + ".onnx"))));
    }

    /**
     * Catalog ids that {@code id} may have meant: those of the same locale (e.g. {@code en_US}),
     * else of the same language ({@code en}), closest spelling first.
     */
    List<String> closeMatches(String id) {
        String locale = id.split("-", 2)[0];
        String language = locale.split("_", 2)[0];
        List<String> sameLocale = idsStartingWith(locale + "-");
        List<String> candidates = sameLocale.isEmpty() ? idsStartingWith(language + "_") : sameLocale;
        return candidates.stream()
                .sorted(Comparator.comparingInt((String candidate) -> editDistance(id, candidate))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    private List<String> idsStartingWith(String prefix) {
        return entries.keySet().stream().filter(candidate -> candidate.startsWith(prefix)).toList();
    }

    /** The entry of {@code files} whose path ends in the file name {@code name}. */
    private static CatalogFile file(JsonNode files, String name) throws DownloadException {
        Map.Entry<String, JsonNode> entry = files.properties().stream()
                .filter(candidate -> candidate.getKey().equals(name) || candidate.getKey().endsWith("/" + name))
                .findFirst()
                .orElseThrow(() -> new DownloadException("the voice catalog lists no file " + name));
        JsonNode size = entry.getValue().path("size_bytes");
        String md5 = entry.getValue().path("md5_digest").asText("").toLowerCase(Locale.ROOT);
        if (!size.canConvertToLong() || size.asLong() < 0 || !MD5.matcher(md5).matches()) {
            throw new DownloadException("the voice catalog lacks a valid size_bytes or md5_digest for " + entry.getKey());
        }
        return new CatalogFile(entry.getKey(), name, size.asLong(), md5);
    }

    /** Levenshtein distance: ranks suggestions for a mistyped id. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
