package org.assistantapi.api.wyoming;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.assistantapi.core.AvailableVoice;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.SpeechService;

/**
 * Turns a Wyoming voice wish into a core request: the voice named, else the first voice of the
 * language asked for, else the server's default. Audio is raw 16-bit PCM at the voice's own rate,
 * so no worker resamples.
 */
final class VoicePicker {

    private VoicePicker() {
    }

    static SpeechRequest request(SpeechService speech, String text, WyomingEvent.VoiceWish wish) throws SpeechException {
        List<AvailableVoice> voices = speech.voices();
        if (voices.isEmpty()) {
            throw new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready yet");
        }
        AvailableVoice voice = pick(voices, wish, speech.defaultVoice());
        return new SpeechRequest(text, null, voice.id(), wish.speaker(), "pcm", 1.0, voice.sampleRate());
    }

    private static AvailableVoice pick(List<AvailableVoice> voices, WyomingEvent.VoiceWish wish, String defaultVoice)
            throws SpeechException {
        if (wish.name() != null) {
            return find(voices, wish.name()).orElseThrow(() -> new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND,
                    "unknown voice '" + wish.name() + "'; 'describe' lists the voices"));
        }
        if (wish.language() != null) {
            String language = normalized(wish.language());
            Optional<AvailableVoice> speaking = voices.stream().filter(v -> normalized(v.language()).equals(language)).findFirst();
            if (speaking.isPresent()) {
                return speaking.get();
            }
        }
        return find(voices, defaultVoice).orElse(voices.getFirst());
    }

    private static Optional<AvailableVoice> find(List<AvailableVoice> voices, String id) {
        return voices.stream().filter(v -> v.id().equals(id)).findFirst();
    }

    /** {@code en_US}, {@code en-us} and {@code EN-US} are one language. */
    private static String normalized(String language) {
        return language.replace('_', '-').toLowerCase(Locale.ROOT);
    }
}
