package org.assistantapi.api.wyoming;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.assistantapi.api.wyoming.WyomingEvent.Describe;
import org.assistantapi.api.wyoming.WyomingEvent.Ping;
import org.assistantapi.api.wyoming.WyomingEvent.Pong;
import org.assistantapi.api.wyoming.WyomingEvent.Synthesize;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeChunk;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeStart;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeStop;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeStopped;
import org.assistantapi.api.http.SynthesisLog;
import org.assistantapi.core.AudioStream;
import org.assistantapi.core.SpeechException;
import org.assistantapi.core.SpeechRequest;
import org.assistantapi.core.SpeechService;

/**
 * One client's connection, on its own virtual thread with blocking IO. A failed synthesis, a
 * protocol violation or silence past the read timeout is an {@code error} event, and then the
 * connection closes, as the reference servers do: Home Assistant reads until {@code audio-stop}
 * and would otherwise wait on.
 */
final class WyomingConnection implements Runnable {

    /**
     * The owner every Wyoming stream and session counts under in core's limits. The protocol has
     * no authentication, so all Wyoming clients together hold one key's share
     * ({@code limits.max_streams_per_key}, {@code sessions.max_per_key}) and cannot take the
     * places keyed HTTP clients need. HTTP owners are {@code key-N}, never this.
     */
    static final String OWNER = "wyoming";


    private static final Logger LOG = Logger.getLogger(WyomingConnection.class.getName());
    /** Longest a write may stay blocked because the client reads nothing; then the connection closes. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

    static final String TRANSPORT = "wyoming";

    private final Socket socket;
    private final SpeechService speech;
    private final SynthesisLog requests;
    /** Longest wait for the next event or the rest of one (wyoming.read_timeout_seconds). */
    private final Duration readTimeout;
    private StreamingSynthesis streaming;
    private volatile WyomingWriter writer;

    WyomingConnection(Socket socket, SpeechService speech, SynthesisLog requests, Duration readTimeout) {
        this.socket = socket;
        this.speech = speech;
        this.requests = requests;
        this.readTimeout = readTimeout;
    }

    @Override
    public void run() {
        int endStatus = SynthesisLog.COMPLETE; // how a streaming synthesis still open at the end is logged: the client left
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            WyomingReader in = new WyomingReader(socket.getInputStream());
            WyomingWriter out = new WyomingWriter(socket.getOutputStream());
            writer = out;
            try {
                for (WyomingEvent event = in.read(); event != null; event = in.read()) {
                    handle(event, out);
                }
            } catch (WyomingProtocolException e) {
                endStatus = SynthesisLog.BAD_REQUEST;
                out.write(new WyomingEvent.Error(e.getMessage(), "protocol_error"));
            } catch (SocketTimeoutException e) {
                endStatus = SynthesisLog.TIMED_OUT;
                LOG.info("wyoming client " + socket.getRemoteSocketAddress() + " sent nothing for "
                        + readTimeout.toSeconds() + " s (wyoming.read_timeout_seconds); closing its connection");
                out.write(new WyomingEvent.Error("nothing received for " + readTimeout.toSeconds() + " s", "timeout"));
            } catch (SpeechException e) {
                endStatus = SynthesisLog.status(e);
                out.write(error(e));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "wyoming connection " + socket.getRemoteSocketAddress() + " ended", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (streaming != null) {
                streaming.cancel(endStatus);
            }
        }
    }

    /**
     * Closes the connection if a write to it has been blocked for longer than {@link #WRITE_TIMEOUT}:
     * a blocked socket write has no timeout of its own, and a one-shot synthesis reads no events
     * meanwhile, so nothing else would notice.
     */
    void closeIfStalled() {
        WyomingWriter out = writer;
        if (out != null && out.blockedSince(System.nanoTime() - WRITE_TIMEOUT.toNanos())) {
            LOG.info("wyoming client " + socket.getRemoteSocketAddress() + " took no audio for "
                    + WRITE_TIMEOUT.toSeconds() + " s; closing its connection");
            close();
        }
    }

    /** Ends the connection: its blocked reads and writes fail and its thread winds up. */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a wyoming connection", e);
        }
    }

    private void handle(WyomingEvent event, WyomingWriter out)
            throws IOException, WyomingProtocolException, SpeechException, InterruptedException {
        switch (event) {
            case Describe _ -> out.write(TtsInfo.of(speech.voices()));
            case Ping ping -> out.write(new Pong(ping.text()));
            case Synthesize _ when streaming != null -> {
                // a streaming client also sends the whole text, for servers that cannot stream
            }
            case Synthesize synthesize -> speakOnce(synthesize, out);
            case SynthesizeStart start when streaming == null ->
                    streaming = StreamingSynthesis.start(speech, start.voice(), relay(out, "synthesize-start"));
            case SynthesizeChunk chunk when streaming != null -> streaming.add(chunk.text());
            case SynthesizeStop _ when streaming != null -> {
                streaming.finish();
                streaming = null;
                out.write(new SynthesizeStopped());
            }
            case SynthesizeStart _ -> throw new WyomingProtocolException("'synthesize-start' while already streaming");
            case SynthesizeChunk _, SynthesizeStop _ -> throw new WyomingProtocolException("no 'synthesize-start' before this event");
            default -> {
                // events meant for other programs: ignored, as Wyoming peers do
            }
        }
    }

    private void speakOnce(Synthesize synthesize, WyomingWriter out) throws IOException, SpeechException {
        AudioRelay relay = relay(out, "synthesize");
        try {
            SpeechRequest request = VoicePicker.request(speech, synthesize.text(), synthesize.voice());
            relay.speaks(request.voice());
            try (AudioStream stream = speech.speak(request, OWNER)) {
                relay.relay(stream::read, stream.awaitStart().sampleRate());
            }
            relay.finished();
        } catch (SpeechException e) {
            relay.failed(e);
            throw e;
        } catch (IOException e) {
            relay.cutOff(SynthesisLog.COMPLETE); // the client left: logged as HTTP logs a response cut off
            throw e;
        }
    }

    /** A relay whose synthesis is logged as asked for by {@code event}. */
    private AudioRelay relay(WyomingWriter out, String event) {
        return new AudioRelay(out, requests.begin(TRANSPORT, event));
    }

    private static WyomingEvent.Error error(SpeechException e) {
        return new WyomingEvent.Error(e.getMessage(), e.reason().name().toLowerCase(Locale.ROOT));
    }
}
