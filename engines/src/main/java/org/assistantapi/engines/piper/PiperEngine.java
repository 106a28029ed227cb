package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SpeechEngine;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceInfo;
import org.assistantapi.engines.espeak.EspeakLibrary;

/**
 * Piper voices on ONNX Runtime. A voice is {@code <id>.onnx} with {@code <id>.onnx.json} in one
 * of the voice directories. Discovery, once at construction, reads only the JSON; a voice whose
 * files are missing or unreadable is logged and skipped, and loading it names the reason.
 */
public final class PiperEngine implements SpeechEngine {

    public static final String NAME = "piper";
    /** The system property from which ONNX Runtime loads its native libraries instead of extracting them. */
    public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

    private static final Logger LOG = Logger.getLogger(PiperEngine.class.getName());
    private static final String MODEL_SUFFIX = ".onnx";
    private static final String CONFIG_SUFFIX = ".onnx.json";

    private final PiperSettings settings;
    private final Map<String, VoiceFiles> voices = new TreeMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();

    /** A discovered voice: what it is, its parsed config and its model file. */
    private record VoiceFiles(VoiceInfo info, PiperVoiceConfig config, Path model) {
    }

    public PiperEngine(PiperSettings settings) {
        this.settings = settings;
        settings.voiceDirs().forEach(this::discover);
        LOG.info(() -> "Piper: " + voices.size() + " voice(s) in " + settings.voiceDirs()
                + (unavailable.isEmpty() ? "" : ", " + unavailable.size() + " skipped"));
        if (!voices.isEmpty() && System.getProperty(NATIVE_PATH_PROPERTY) == null) {
            LOG.warning("-D" + NATIVE_PATH_PROPERTY + " is not set: ONNX Runtime will extract its native "
                    + "libraries into java.io.tmpdir on first use");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<VoiceInfo> voices() {
        return voices.values().stream().map(VoiceFiles::info).toList();
    }

    @Override
    public Voice load(String voiceId) throws EngineException {
        VoiceFiles files = voices.get(voiceId);
        if (files == null) {
            String reason = unavailable.get(voiceId);
            throw reason == null
                    ? new EngineException(EngineException.VOICE_NOT_FOUND, "no Piper voice " + voiceId)
                    : new EngineException(EngineException.VOICE_UNAVAILABLE, "Piper voice " + voiceId + ": " + reason);
        }
        PiperVoiceConfig config = files.config();
        EspeakLibrary espeak = config.phonemeType() == PiperVoiceConfig.PhonemeType.ESPEAK ? espeak(config) : null;
        PiperModel model = PiperModel.load(files.model(), config.numSpeakers() > 1, settings.intraOpThreads());
        PiperVoice voice = new PiperVoice(files.info(), config, new PiperPhonemizer(config, espeak), model, settings);
        voice.warmUp();
        return voice;
    }

    @Override
    public void close() {
        // Loaded voices own their sessions and are closed by whoever loaded them.
    }

    /** espeak-ng, checked to have the voice's phonemizer voice. */
    private static EspeakLibrary espeak(PiperVoiceConfig config) throws EngineException {
        EspeakLibrary espeak = EspeakLibrary.instance();
        try {
            espeak.phonemize(config.espeakVoice(), "");
        } catch (EngineException e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, e.getMessage(), e);
        }
        return espeak;
    }

    private void discover(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.fine(() -> "no voice directory " + dir);
            return;
        }
        Map<String, Path> models = new TreeMap<>();
        Map<String, Path> configs = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String name = file.getFileName().toString();
                if (name.endsWith(CONFIG_SUFFIX)) {
                    configs.put(name.substring(0, name.length() - CONFIG_SUFFIX.length()), file);
                } else if (name.endsWith(MODEL_SUFFIX)) {
                    models.put(name.substring(0, name.length() - MODEL_SUFFIX.length()), file);
                }
            });
        } catch (IOException e) {
            LOG.warning("cannot list voice directory " + dir + ": " + e);
            return;
        }
        TreeSet<String> ids = new TreeSet<>(models.keySet());
        ids.addAll(configs.keySet());
        for (String id : ids) {
            if (voices.containsKey(id) || unavailable.containsKey(id)) {
                LOG.info(() -> "Piper voice " + id + " in " + dir + " ignored: an earlier voice directory has it");
            } else {
                discover(id, models.get(id), configs.get(id), dir);
            }
        }
    }

    private void discover(String id, Path model, Path config, Path dir) {
        if (model == null) {
            skip(id, "no " + id + MODEL_SUFFIX + " in " + dir);
        } else if (config == null) {
            skip(id, "no " + id + CONFIG_SUFFIX + " in " + dir);
        } else {
            try {
                PiperVoiceConfig parsed = PiperVoiceConfig.read(config);
                VoiceInfo info = new VoiceInfo(id, NAME, parsed.language(), parsed.sampleRate(),
                        parsed.numSpeakers(), parsed.speakerIdMap());
                voices.put(id, new VoiceFiles(info, parsed, model));
            } catch (EngineException e) {
                skip(id, e.getMessage());
            }
        }
    }

    private void skip(String id, String reason) {
        LOG.warning("Piper voice " + id + " skipped: " + reason);
        unavailable.put(id, reason);
    }
}
