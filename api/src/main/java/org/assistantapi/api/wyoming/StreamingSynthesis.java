package org.assistantapi.api.wyoming;

import java.io.IOException;

import org.assistantapi.api.http.SynthesisLog;
import org.assistantapi.core.SessionAudio;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.SpeechService;
import org.assistantapi.core.SpeechSession;

/**
 * One {@code synthesize-start} … {@code synthesize-stop} on a core session. Text is appended as it
 * comes and flushed at each sentence end, so speech starts while the client is still writing; a
 * virtual thread relays the session's audio to the client meanwhile.
 */
final class StreamingSynthesis {

    private final SpeechSession session;
    private final AudioRelay audioRelay;
    private final SentenceSplitter sentences = new SentenceSplitter();
    private final Thread relay;
    private volatile Exception failure;

    private StreamingSynthesis(SpeechSession session, SessionAudio audio, AudioRelay audioRelay) {
        this.session = session;
        this.audioRelay = audioRelay;
        this.relay = Thread.ofVirtual().name("wyoming-audio-" + session.id()).start(() -> {
            try (audio) {
                audioRelay.relay(audio::read, audio.format().sampleRate());
            } catch (IOException | SpeechException e) {
                failure = e;
            }
        });
    }

    static StreamingSynthesis start(SpeechService speech, WyomingEvent.VoiceWish voice, AudioRelay relay)
            throws SpeechException {
        SpeechSession session = null;
        try {
            SpeechRequest request = VoicePicker.request(speech, "", voice);
            relay.speaks(request.voice());
            session = speech.sessions().open(request, WyomingConnection.OWNER);
            return new StreamingSynthesis(session, session.openAudio(), relay);
        } catch (SpeechException e) {
            if (session != null) {
                session.cancel();
            }
            relay.failed(e);
            throw e;
        }
    }

    /** Appends a piece of text; the sentences it completes are spoken now, the rest waits. */
    void add(String text) throws SpeechException {
        int complete = sentences.completeLength(text);
        if (complete > 0) {
            session.append(text.substring(0, complete), true);
        }
        if (complete < text.length()) {
            session.append(text.substring(complete), false);
        }
    }

    /** No more text: returns once everything was spoken and sent, or throws what broke it. */
    void finish() throws SpeechException, IOException, InterruptedException {
        session.close();
        relay.join();
        switch (failure) {
            case null -> audioRelay.finished();
            case SpeechException e -> {
                audioRelay.failed(e);
                throw e;
            }
            case IOException e -> {
                audioRelay.cutOff(SynthesisLog.COMPLETE); // the client left: logged as HTTP logs a response cut off
                throw e;
            }
            default -> throw new IllegalStateException(failure);
        }
    }

    /** Stops speaking at once (the client left, broke the protocol or went silent): logged with {@code status}. */
    void cancel(int status) {
        session.cancel();
        audioRelay.cutOff(status);
    }
}
