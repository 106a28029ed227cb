package org.assistantapi.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.assistantapi.workers.protocol.VoiceDescriptor;
import org.junit.jupiter.api.Test;

class VoiceCatalogTest {

    private static final VoiceDescriptor ESPEAK = voice("espeak:en-us", "");
    private static final VoiceDescriptor OLD = voice("tones", "1@1+1@1");
    private static final VoiceDescriptor NEW = voice("tones", "2@2+2@2");
    private static final VoiceDescriptor ADDED = voice("added", "3@3+3@3");

    @Test
    void aVoiceIsOfferedWhenEveryWorkerHasItAndGoesWhenOneHasNot() {
        List<VoiceDescriptor> before = List.of(ESPEAK, OLD);
        assertEquals(before, VoiceCatalog.agreed(before, List.of(List.of(ESPEAK, OLD, ADDED), before)),
                "one worker has seen the new voice, the other not yet");
        assertEquals(List.of(ESPEAK, OLD, ADDED), VoiceCatalog.agreed(before, List.of(List.of(ESPEAK, OLD, ADDED),
                List.of(ESPEAK, ADDED, OLD))));
        assertEquals(List.of(ESPEAK), VoiceCatalog.agreed(before, List.of(List.of(ESPEAK), before)),
                "removed as soon as one worker no longer has it");
    }

    @Test
    void aReplacedVoiceKeepsItsDescriptionUntilEveryWorkerHasTheNewFiles() {
        List<VoiceDescriptor> before = List.of(ESPEAK, OLD);
        assertEquals(before, VoiceCatalog.agreed(before, List.of(List.of(ESPEAK, NEW), before)));
        assertEquals(List.of(ESPEAK, NEW), VoiceCatalog.agreed(before, List.of(List.of(ESPEAK, NEW), List.of(ESPEAK, NEW))));
    }

    @Test
    void eachChangeIsOneLine() {
        assertEquals(List.of("voice tones replaced: new requests use its new files, streams speaking it finish",
                        "voice added added (piper, en-us)",
                        "voice espeak:en-us removed: no new requests, streams speaking it finish"),
                VoiceCatalog.changes(List.of(ESPEAK, OLD), List.of(NEW, ADDED)));
        assertEquals(List.of(), VoiceCatalog.changes(List.of(ESPEAK, OLD), List.of(OLD, ESPEAK)));
    }

    private static VoiceDescriptor voice(String id, String revision) {
        return new VoiceDescriptor(id, "piper", "en-us", 22050, 1, Map.of(), revision);
    }
}
