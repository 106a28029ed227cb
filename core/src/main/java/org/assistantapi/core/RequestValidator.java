package org.assistantapi.core;

import java.util.Optional;
import java.util.function.Supplier;

import org.assistantapi.workers.protocol.FormatDescriptor;
import org.assistantapi.workers.protocol.FromWorker;
import org.assistantapi.workers.protocol.VoiceDescriptor;

/**
 * Checks requests against what the workers reported (voices, formats) and the input limit, and
 * resolves their voice and speaker. Speakers are checked by the worker, which knows each voice's
 * speaker map.
 */
final class RequestValidator {

    private final Supplier<Optional<FromWorker.Ready>> catalog;
    private final VoiceChoice voiceChoice;
    /** Faster than any voice reads at speed 1: what makes an estimate of audio length a lower bound. */
    private static final double FASTEST_CHARACTERS_PER_SECOND = 20;

    private final CrashingTexts crashingTexts;
    private final int maxInputChars;
    private final int maxAudioSeconds;

    /**
     * @param catalog         voices and formats as the workers reported them; empty before a worker is ready
     * @param crashingTexts   texts that crashed a worker, refused before they reach another
     * @param maxAudioSeconds {@code limits.max_audio_seconds}: the most audio one request may become
     */
    RequestValidator(Supplier<Optional<FromWorker.Ready>> catalog, CrashingTexts crashingTexts, VoiceChoice voiceChoice,
                     int maxInputChars, int maxAudioSeconds) {
        this.catalog = catalog;
        this.crashingTexts = crashingTexts;
        this.voiceChoice = voiceChoice;
        this.maxInputChars = maxInputChars;
        this.maxAudioSeconds = maxAudioSeconds;
    }

    /**
     * Checks a one-shot request: its text, then everything else (see {@link #check}), then that its
     * audio is not clearly too long, and last that its text never crashed a worker.
     */
    SpeechRequest checkWithText(SpeechRequest request) throws SpeechException {
        checkText(request.text());
        SpeechRequest checked = check(request);
        refuseLongAudio(request.text(), checked.speed());
        crashingTexts.refuse(request.text());
        return checked;
    }

    /**
     * Refuses a text whose audio would clearly be longer than {@code limits.max_audio_seconds}
     * even read fast (20 letters or digits a second at speed 1); workers cut off what gets past.
     */
    private void refuseLongAudio(String text, double speed) throws SpeechException {
        long spoken = text.codePoints().filter(Character::isLetterOrDigit).count();
        double fastestSeconds = spoken / FASTEST_CHARACTERS_PER_SECOND / speed;
        if (fastestSeconds > maxAudioSeconds) {
            throw new SpeechException(SpeechException.Reason.AUDIO_TOO_LONG, "the text would be at least "
                    + Math.round(fastestSeconds) + " s of audio at speed " + speed + "; the limit is " + maxAudioSeconds + " s");
        }
    }

    /** Resolves the request's voice and speaker and checks everything but its text. */
    SpeechRequest check(SpeechRequest request) throws SpeechException {
        FromWorker.Ready catalog = catalog();
        request = resolveSpeaker(chooseVoice(request), catalog);
        if (!(request.speed() >= 0.25 && request.speed() <= 4.0)) {
            throw new SpeechException(SpeechException.Reason.INVALID_SPEED, "speed must be between 0.25 and 4.0");
        }
        String voice = request.voice();
        findVoice(catalog, voice).orElseThrow(() -> new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND,
                "unknown voice '" + voice + "'"));
        String format = request.format();
        if (catalog.formats().stream().noneMatch(f -> f.id().equals(format))) {
            throw new SpeechException(SpeechException.Reason.UNSUPPORTED_FORMAT,
                    "unsupported format '" + format + "'; supported: "
                            + String.join(", ", catalog.formats().stream().map(FormatDescriptor::id).toList()));
        }
        return request;
    }

    /** The voice as the workers reported it (its language, for one); throws when no worker is ready to say. */
    Optional<VoiceDescriptor> voice(String voice) throws SpeechException {
        return findVoice(catalog(), voice);
    }

    /** Whether the workers have this voice; throws when no worker is ready to say. */
    boolean hasVoice(String voice) throws SpeechException {
        return findVoice(catalog(), voice).isPresent();
    }

    private FromWorker.Ready catalog() throws SpeechException {
        return catalog.get()
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.NOT_READY, "no worker is ready yet"));
    }

    private void checkText(String text) throws SpeechException {
        if (text == null || text.isBlank()) {
            throw new SpeechException(SpeechException.Reason.INVALID_INPUT, "the text is empty");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxInputChars) {
            throw new SpeechException(SpeechException.Reason.INPUT_TOO_LONG,
                    "the text is " + length + " characters; the limit is " + maxInputChars);
        }
    }

    private SpeechRequest chooseVoice(SpeechRequest request) throws SpeechException {
        String voice = voiceChoice.resolve(request.model(), request.voice(), AvailableVoice.listed(catalog.get()))
                .orElseThrow(() -> new SpeechException(SpeechException.Reason.VOICE_NOT_FOUND,
                        "unknown voice '" + request.voice() + "'"));
        return new SpeechRequest(request.text(), request.model(), voice, request.speaker(), request.format(),
                request.speed(), request.sampleRate(), request.normalization());
    }

    /** {@code voice} may name a speaker after its last colon: {@code en_US-libritts-high:p123}. */
    private static SpeechRequest resolveSpeaker(SpeechRequest request, FromWorker.Ready catalog) {
        String voice = request.voice();
        int colon = voice == null ? -1 : voice.lastIndexOf(':');
        if (request.speaker() != null || colon < 0 || findVoice(catalog, voice).isPresent()) {
            return request;
        }
        return new SpeechRequest(request.text(), request.model(), voice.substring(0, colon), voice.substring(colon + 1),
                request.format(), request.speed(), request.sampleRate(), request.normalization());
    }

    private static Optional<VoiceDescriptor> findVoice(FromWorker.Ready catalog, String id) {
        return catalog.voices().stream().filter(v -> v.id().equals(id)).findFirst();
    }
}
