package org.assistantapi.api.wyoming;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(VoicePicker.class.getName());

    private VoicePicker() {
    }

    static SpeechRequest request(SpeechService speech, String text, WyomingEvent.VoiceWish wish) throws SpeechException {
        List<AvailableVoice> voices = speech.voices();
        if (voices.isEmpty()) {
            throw new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready yet");
        }
        AvailableVoice voice = pick(voices, wish, speech.defaultVoice());
        return new SpeechRequest(text, null, voice.id(), speaker(voice, wish.speaker()), "pcm", 1.0, voice.sampleRate());
    }

    /**
     * The speaker asked for, or null (the voice's default) when the voice has no such speaker, as
     * Piper's own Wyoming server does: Home Assistant passes a speaker option through unchecked, and
     * a typo should not silence the reply. The HTTP API refuses it instead.
     */
    private static String speaker(AvailableVoice voice, String speaker) {
        if (speaker == null || speaker.isEmpty()) {
            return null;
        }
        if (voice.speakers().containsKey(speaker) || isSpeakerNumber(speaker, voice.speakerCount())) {
            return speaker;
        }
        LOG.warning("voice " + voice.id() + " has no speaker '" + speaker + "'; speaking with its default speaker");
        return null;
    }

    private static boolean isSpeakerNumber(String speaker, int speakerCount) {
        try {
            int number = Integer.parseInt(speaker);
            return number >= 0 && number < speakerCount;
        } catch (NumberFormatException e) {
            return false;
        }
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
