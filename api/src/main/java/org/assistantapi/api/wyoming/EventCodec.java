package org.assistantapi.api.wyoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.assistantapi.api.wyoming.WyomingEvent.AudioChunk;
import org.assistantapi.api.wyoming.WyomingEvent.AudioStart;
import org.assistantapi.api.wyoming.WyomingEvent.AudioStop;
import org.assistantapi.api.wyoming.WyomingEvent.Describe;
import org.assistantapi.api.wyoming.WyomingEvent.Error;
import org.assistantapi.api.wyoming.WyomingEvent.Info;
import org.assistantapi.api.wyoming.WyomingEvent.Other;
import org.assistantapi.api.wyoming.WyomingEvent.Ping;
import org.assistantapi.api.wyoming.WyomingEvent.Pong;
import org.assistantapi.api.wyoming.WyomingEvent.Synthesize;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeChunk;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeStart;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeStop;
import org.assistantapi.api.wyoming.WyomingEvent.SynthesizeStopped;
import org.assistantapi.api.wyoming.WyomingEvent.VoiceWish;

/**
 * Maps events to the wire's type, data and payload and back, as the Wyoming Python library names
 * them. Every event written carries the data fields the library's own event of that type carries
 * (a null {@code text} included), because its {@code from_event} reads {@code event.data}, which
 * is None for an event sent without data (wyoming 1.7.1's {@code AudioStop.from_event} fails on it).
 */
final class EventCodec {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final byte[] NONE = new byte[0];

    private EventCodec() {
    }

    static WyomingFrame encode(WyomingEvent event) {
        ObjectNode data = JSON.objectNode();
        return switch (event) {
            case Describe d -> frame("describe", data);
            case Info info -> frame("info", info.data());
            case Synthesize s -> {
                data.put("text", s.text());
                putVoice(data, s.voice());
                yield frame("synthesize", data);
            }
            case SynthesizeStart s -> {
                putVoice(data, s.voice());
                yield frame("synthesize-start", data);
            }
            case SynthesizeChunk c -> frame("synthesize-chunk", data.put("text", c.text()));
            case SynthesizeStop s -> frame("synthesize-stop", data);
            case SynthesizeStopped s -> frame("synthesize-stopped", data);
            case AudioStart a -> frame("audio-start", audioFormat(data, a.rate()).put("timestamp", a.timestamp()));
            case AudioChunk c -> new WyomingFrame("audio-chunk", audioFormat(data, c.rate()).put("timestamp", c.timestamp()), c.pcm());
            case AudioStop a -> frame("audio-stop", data.put("timestamp", a.timestamp()));
            case Error e -> frame("error", data.put("text", e.text()).put("code", e.code()));
            case Ping p -> frame("ping", data.put("text", p.text()));
            case Pong p -> frame("pong", data.put("text", p.text()));
            case Other o -> new WyomingFrame(o.type(), o.data(), o.payload());
        };
    }

    static WyomingEvent decode(WyomingFrame frame) throws WyomingProtocolException {
        ObjectNode data = frame.data();
        return switch (frame.type()) {
            case "describe" -> new Describe();
            case "info" -> new Info(data);
            case "synthesize" -> new Synthesize(requiredText(frame), voice(data));
            case "synthesize-start" -> new SynthesizeStart(voice(data));
            case "synthesize-chunk" -> new SynthesizeChunk(requiredText(frame));
            case "synthesize-stop" -> new SynthesizeStop();
            case "synthesize-stopped" -> new SynthesizeStopped();
            case "audio-start" -> new AudioStart(data.path("rate").asInt(), data.path("timestamp").asLong());
            case "audio-chunk" -> new AudioChunk(data.path("rate").asInt(), frame.payload(), data.path("timestamp").asLong());
            case "audio-stop" -> new AudioStop(data.path("timestamp").asLong());
            case "error" -> new Error(text(data, "text"), text(data, "code"));
            case "ping" -> new Ping(text(data, "text"));
            case "pong" -> new Pong(text(data, "text"));
            default -> new Other(frame.type(), data, frame.payload());
        };
    }

    private static WyomingFrame frame(String type, ObjectNode data) {
        return new WyomingFrame(type, data, NONE);
    }

    private static ObjectNode audioFormat(ObjectNode data, int rate) {
        return data.put("rate", rate).put("width", WyomingEvent.WIDTH).put("channels", WyomingEvent.CHANNELS);
    }

    private static void putVoice(ObjectNode data, VoiceWish voice) {
        if (!voice.equals(VoiceWish.ANY)) {
            ObjectNode wish = data.putObject("voice");
            putIfSet(wish, "name", voice.name());
            putIfSet(wish, "language", voice.language());
            putIfSet(wish, "speaker", voice.speaker());
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static VoiceWish voice(ObjectNode data) throws WyomingProtocolException {
        JsonNode voice = data.path("voice");
        if (voice.isMissingNode() || voice.isNull()) {
            return VoiceWish.ANY;
        }
        if (!voice.isObject()) {
            throw new WyomingProtocolException("'voice' must be an object");
        }
        return new VoiceWish(text(voice, "name"), text(voice, "language"), text(voice, "speaker"));
    }

    private static String requiredText(WyomingFrame frame) throws WyomingProtocolException {
        String text = text(frame.data(), "text");
        if (text == null) {
            throw new WyomingProtocolException("'" + frame.type() + "' needs a string 'text'");
        }
        return text;
    }

    /** A string field, or null; numbers are taken as text (a speaker may be sent as 3). */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() || value.isNumber() ? value.asText() : null;
    }
}
