package org.assistantapi.api.wyoming;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.assistantapi.core.AvailableVoice;

/** The {@code info} answer to {@code describe}: one TTS program whose voices are the workers' voices. */
final class TtsInfo {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Null when run from classes rather than a versioned jar; Wyoming allows no version. */
    private static final String VERSION = TtsInfo.class.getPackage().getImplementationVersion();

    private TtsInfo() {
    }

    static WyomingEvent.Info of(List<AvailableVoice> voices) {
        ObjectNode program = JSON.objectNode()
                .put("name", "assistant-api")
                .put("description", "Streaming speech server (espeak-ng and Piper voices)")
                .put("installed", true)
                .put("version", VERSION)
                .put("supports_synthesize_streaming", true);
        program.set("attribution", attribution("assistant-api", ""));
        ArrayNode list = program.putArray("voices");
        voices.forEach(voice -> list.add(voice(voice)));
        ObjectNode data = JSON.objectNode();
        data.putArray("tts").add(program);
        return new WyomingEvent.Info(data);
    }

    private static ObjectNode voice(AvailableVoice voice) {
        ObjectNode node = JSON.objectNode()
                .put("name", voice.id())
                .put("description", voice.id() + " (" + voice.engine() + ", " + voice.language() + ")")
                .put("installed", true)
                .put("version", VERSION);
        node.set("attribution", voice.engine().equals("piper")
                ? attribution("Piper", "https://github.com/rhasspy/piper")
                : attribution("eSpeak NG", "https://github.com/espeak-ng/espeak-ng"));
        ArrayNode languages = node.putArray("languages");
        LanguageTags.of(voice.language()).ifPresent(languages::add);
        if (voice.speakerCount() > 1) {
            ArrayNode speakers = node.putArray("speakers");
            voice.speakers().entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                    .forEach(speaker -> speakers.addObject().put("name", speaker.getKey()));
        } else {
            node.putNull("speakers");
        }
        return node;
    }

    private static ObjectNode attribution(String name, String url) {
        return JSON.objectNode().put("name", name).put("url", url);
    }
}
