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
    private final int maxInputChars;

    /** @param catalog voices and formats as the workers reported them; empty before a worker is ready */
    RequestValidator(Supplier<Optional<FromWorker.Ready>> catalog, VoiceChoice voiceChoice, int maxInputChars) {
        this.catalog = catalog;
        this.voiceChoice = voiceChoice;
        this.maxInputChars = maxInputChars;
    }

    /** Checks a one-shot request: its text, then everything else (see {@link #check}). */
    SpeechRequest checkWithText(SpeechRequest request) throws SpeechException {
        checkText(request.text());
        return check(request);
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
                request.speed(), request.sampleRate());
    }

    /** {@code voice} may name a speaker after its last colon: {@code en_US-libritts-high:p123}. */
    private static SpeechRequest resolveSpeaker(SpeechRequest request, FromWorker.Ready catalog) {
        String voice = request.voice();
        int colon = voice == null ? -1 : voice.lastIndexOf(':');
        if (request.speaker() != null || colon < 0 || findVoice(catalog, voice).isPresent()) {
            return request;
        }
        return new SpeechRequest(request.text(), request.model(), voice.substring(0, colon), voice.substring(colon + 1),
                request.format(), request.speed(), request.sampleRate());
    }

    private static Optional<VoiceDescriptor> findVoice(FromWorker.Ready catalog, String id) {
        return catalog.voices().stream().filter(v -> v.id().equals(id)).findFirst();
    }
}
