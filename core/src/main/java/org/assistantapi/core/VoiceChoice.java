package org.assistantapi.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which voice speaks a request: a voice id as given, OpenAI's voice names and models mapped by
 * configuration, and a default that works out of the box (an installed Piper voice when there is
 * one, espeak-ng otherwise).
 *
 * @param defaultVoice the voice for requests that name none, or null to choose automatically
 * @param openAiVoices OpenAI voice name to voice id (optionally {@code id:speaker})
 * @param models       model name to the voice used when the request names no voice of ours
 */
public record VoiceChoice(String defaultVoice, Map<String, String> openAiVoices, Map<String, String> models) {

    /** OpenAI's voice names, in the order that gives each its own speaker of a multi-speaker default voice. */
    public static final List<String> OPENAI_VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "fable",
            "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar");
    public static final List<String> OPENAI_MODELS = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");
    static final String ESPEAK_FALLBACK = "espeak:en-us";

    public VoiceChoice {
        openAiVoices = Map.copyOf(openAiVoices);
        models = Map.copyOf(models);
    }

    public static VoiceChoice automatic() {
        return new VoiceChoice(null, Map.of(), Map.of());
    }

    /**
     * The voice (and speaker, after the last colon) to use.
     *
     * @param model the request's model, or null
     * @param voice the request's voice, or null
     * @return a voice reference as the client would write it, or empty when {@code voice} is
     *         neither one of ours nor an OpenAI name
     */
    Optional<String> resolve(String model, String voice, List<AvailableVoice> voices) {
        if (voice != null && isKnown(voice, voices)) {
            return Optional.of(voice);
        }
        if (voice != null && openAiVoices.containsKey(voice)) {
            return Optional.of(openAiVoices.get(voice));
        }
        if (voice != null && !OPENAI_VOICES.contains(voice)) {
            return Optional.empty();
        }
        if (model != null && models.containsKey(model)) {
            return Optional.of(models.get(model));
        }
        return Optional.of(withSpeakerFor(voice, defaultVoice(voices), voices));
    }

    /** The configured default, else the first installed Piper voice (English first), else espeak-ng. */
    public String defaultVoice(List<AvailableVoice> voices) {
        if (defaultVoice != null) {
            return defaultVoice;
        }
        List<AvailableVoice> piper = voices.stream().filter(v -> v.engine().equals("piper")).toList();
        return piper.stream().filter(v -> v.language().startsWith("en")).findFirst()
                .or(() -> piper.stream().findFirst())
                .map(AvailableVoice::id)
                .orElse(ESPEAK_FALLBACK);
    }

    /** Gives each OpenAI voice name its own speaker when the default voice has several. */
    private static String withSpeakerFor(String openAiVoice, String voiceId, List<AvailableVoice> voices) {
        if (openAiVoice == null) {
            return voiceId;
        }
        return voices.stream().filter(v -> v.id().equals(voiceId) && v.speakerCount() > 1).findFirst()
                .map(v -> voiceId + ":" + OPENAI_VOICES.indexOf(openAiVoice) % v.speakerCount())
                .orElse(voiceId);
    }

    private static boolean isKnown(String voice, List<AvailableVoice> voices) {
        int colon = voice.lastIndexOf(':');
        return voices.stream().anyMatch(v -> v.id().equals(voice) || (colon > 0 && v.id().equals(voice.substring(0, colon))));
    }
}
