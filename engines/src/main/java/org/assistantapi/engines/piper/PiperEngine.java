package org.assistantapi.engines.piper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.SpeechEngine;
import org.assistantapi.engines.Voice;
import org.assistantapi.engines.VoiceChanges;
import org.assistantapi.engines.VoiceInfo;
import org.assistantapi.engines.espeak.EspeakLibrary;

/**
 * Piper voices on ONNX Runtime. A voice is {@code <id>.onnx} with {@code <id>.onnx.json} in one
 * of the voice directories. Discovery at construction reads only the JSON; a voice whose files
 * are missing or unreadable is logged and skipped, and loading it names the reason.
 * {@link #refresh} looks again while the worker runs: a new or changed voice is offered once its
 * files have stopped changing, its JSON parses and ONNX Runtime opens its model.
 */
public final class PiperEngine implements SpeechEngine {

    public static final String NAME = "piper";
    /** The system property from which ONNX Runtime loads its native libraries instead of extracting them. */
    public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
    /** How long a voice's files must be left alone before they count as written. */
    static final Duration SETTLE_TIME = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(PiperEngine.class.getName());
    private static final String MODEL_SUFFIX = ".onnx";
    private static final String CONFIG_SUFFIX = ".onnx.json";

    private final PiperSettings settings;
    /** Swapped whole by {@link #refresh}, read by loads on other threads. */
    private volatile Map<String, VoiceFiles> voices;
    private volatile Map<String, String> unavailable;
    /** Files not offered in their present state yet, and since when they have looked so: a write settles when it stops changing. */
    private Map<String, Sighting> lastSeen = Map.of();
    /** Files found broken, not tried again until they change. */
    private final Map<String, FileStamp> rejected = new HashMap<>();

    /** A discovered voice: what it is, its parsed config, its model file and their sizes and times. */
    private record VoiceFiles(VoiceInfo info, PiperVoiceConfig config, Path model, FileStamp stamp) {
    }

    /** A voice's two files as found in one directory. */
    private record Found(String id, Path dir, Path model, Path config) {
        FileStamp stamp() throws IOException {
            return new FileStamp(Files.size(model), Files.getLastModifiedTime(model).toMillis(),
                    Files.size(config), Files.getLastModifiedTime(config).toMillis());
        }
    }

    /** Files seen in one state since {@code sinceNanos} ({@link System#nanoTime}). */
    private record Sighting(FileStamp stamp, long sinceNanos) {
    }

    /** Sizes and modification times of a voice's files: equal stamps, unchanged files. */
    private record FileStamp(long modelSize, long modelMillis, long configSize, long configMillis) {
        String revision() {
            return modelSize + "@" + modelMillis + "+" + configSize + "@" + configMillis;
        }
    }

    public PiperEngine(PiperSettings settings) {
        this.settings = settings;
        Map<String, VoiceFiles> discovered = new TreeMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Found found : scan().values()) {
            discover(found, discovered, skipped);
        }
        voices = discovered;
        unavailable = skipped;
        LOG.info(() -> "Piper: " + discovered.size() + " voice(s) in " + settings.voiceDirs()
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " skipped"));
        if (!discovered.isEmpty() && System.getProperty(NATIVE_PATH_PROPERTY) == null) {
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
    public String revision(String voiceId) {
        VoiceFiles files = voices.get(voiceId);
        return files == null ? "" : files.stamp().revision();
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
        PhonemeIdMapper ids = new PhonemeIdMapper(voiceId, config.phonemeIdMap());
        PiperModel model = PiperModel.load(files.model(), config.numSpeakers() > 1, settings.sessionTuning(),
                settings.splits() ? ids.probe() : null);
        DecoderWindows windows = model.split().map(s -> settings.windows(config.sampleRate(), s.field().hop())).orElse(null);
        PiperVoice voice = new PiperVoice(files.info(), config, new PiperPhonemizer(config, espeak), ids, model, windows,
                settings);
        voice.warmUp();
        return voice;
    }

    /**
     * Looks at the voice directories again. A voice whose files are gone is removed at once; a new
     * or changed one is taken when its files have kept their sizes and times for at least
     * {@link #SETTLE_TIME} (seen at two looks), its JSON parses and its model opens.
     */
    @Override
    public synchronized VoiceChanges refresh() {
        Map<String, Found> all = scan();
        Map<String, Found> present = complete(all);
        Map<String, VoiceFiles> next = new TreeMap<>(voices);
        Map<String, String> nextUnavailable = new LinkedHashMap<>(unavailable);
        Set<String> added = new HashSet<>();
        Set<String> replaced = new HashSet<>();
        Set<String> removed = new HashSet<>(voices.keySet());
        removed.removeAll(present.keySet());
        removed.forEach(next::remove);
        nextUnavailable.keySet().retainAll(all.keySet());
        rejected.keySet().retainAll(present.keySet());
        Map<String, Sighting> seen = new HashMap<>();
        boolean settling = false;
        long now = System.nanoTime();
        for (Found found : present.values()) {
            FileStamp stamp;
            try {
                stamp = found.stamp();
            } catch (IOException e) {
                settling = true; // a file vanished or cannot be read between the listing and now
                continue;
            }
            VoiceFiles offered = next.get(found.id());
            if ((offered != null && offered.stamp().equals(stamp)) || stamp.equals(rejected.get(found.id()))) {
                continue;
            }
            Sighting before = lastSeen.get(found.id());
            Sighting sighting = before != null && before.stamp().equals(stamp) ? before : new Sighting(stamp, now);
            if (now - sighting.sinceNanos() < SETTLE_TIME.toNanos()) {
                seen.put(found.id(), sighting);
                settling = true;
                continue;
            }
            try {
                VoiceFiles files = checked(found, stamp);
                next.put(found.id(), files);
                nextUnavailable.remove(found.id());
                (offered == null ? added : replaced).add(found.id());
            } catch (EngineException e) {
                LOG.warning("Piper voice " + found.id() + " in " + found.dir() + " not offered: " + e.getMessage());
                rejected.put(found.id(), stamp);
                if (offered == null) {
                    nextUnavailable.put(found.id(), e.getMessage());
                }
            }
        }
        lastSeen = seen;
        voices = next;
        unavailable = nextUnavailable;
        return new VoiceChanges(added, removed, replaced, settling);
    }

    @Override
    public void close() {
        // Loaded voices own their sessions and are closed by whoever loaded them.
    }

    /** Parses a voice's JSON and opens its model once, so that no request is the first to find it broken. */
    private VoiceFiles checked(Found found, FileStamp stamp) throws EngineException {
        PiperVoiceConfig parsed = PiperVoiceConfig.read(found.config());
        try (PiperModel model = PiperModel.load(found.model(), parsed.numSpeakers() > 1, 1)) {
            // opened and checked for Piper's inputs: that is all
        }
        return new VoiceFiles(info(found.id(), parsed), parsed, found.model(), stamp);
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

    /** Every voice id in the directories with its files, the first directory winning; a voice missing a file is listed with null for it. */
    private Map<String, Found> scan() {
        Map<String, Found> found = new TreeMap<>();
        for (Path dir : settings.voiceDirs()) {
            Map<String, Found> inDir = scan(dir);
            inDir.forEach((id, voice) -> {
                if (found.putIfAbsent(id, voice) != null) {
                    LOG.fine(() -> "Piper voice " + id + " in " + dir + " ignored: an earlier voice directory has it");
                }
            });
        }
        return found;
    }

    /** The voices of a scan with both their files. */
    private static Map<String, Found> complete(Map<String, Found> found) {
        Map<String, Found> complete = new TreeMap<>(found);
        complete.values().removeIf(voice -> voice.model() == null || voice.config() == null);
        return complete;
    }

    /** At start-up: every voice whose JSON parses is offered; its model is opened only when a job needs it. */
    private void discover(Found found, Map<String, VoiceFiles> voices, Map<String, String> skipped) {
        String id = found.id();
        try {
            if (found.model() == null) {
                throw new EngineException(EngineException.VOICE_UNAVAILABLE, "no " + id + MODEL_SUFFIX + " in " + found.dir());
            }
            if (found.config() == null) {
                throw new EngineException(EngineException.VOICE_UNAVAILABLE, "no " + id + CONFIG_SUFFIX + " in " + found.dir());
            }
            FileStamp stamp = found.stamp();
            try {
                PiperVoiceConfig parsed = PiperVoiceConfig.read(found.config());
                voices.put(id, new VoiceFiles(info(id, parsed), parsed, found.model(), stamp));
            } catch (EngineException e) {
                rejected.put(id, stamp); // looked at again when its files change
                throw e;
            }
        } catch (EngineException | IOException e) {
            LOG.warning("Piper voice " + id + " skipped: " + e.getMessage());
            skipped.put(id, e.getMessage());
        }
    }

    private static VoiceInfo info(String id, PiperVoiceConfig parsed) {
        return new VoiceInfo(id, NAME, parsed.language(), parsed.sampleRate(), parsed.numSpeakers(), parsed.speakerIdMap());
    }

    private static Map<String, Found> scan(Path dir) {
        Map<String, Found> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                String name = file.getFileName().toString();
                if (name.endsWith(CONFIG_SUFFIX)) {
                    String id = name.substring(0, name.length() - CONFIG_SUFFIX.length());
                    found.merge(id, new Found(id, dir, null, file), (a, b) -> new Found(id, dir, a.model(), file));
                } else if (name.endsWith(MODEL_SUFFIX)) {
                    String id = name.substring(0, name.length() - MODEL_SUFFIX.length());
                    found.merge(id, new Found(id, dir, file, null), (a, b) -> new Found(id, dir, file, a.config()));
                }
            });
        } catch (IOException e) {
            LOG.warning("cannot list voice directory " + dir + ": " + e);
        }
        return found;
    }
}
