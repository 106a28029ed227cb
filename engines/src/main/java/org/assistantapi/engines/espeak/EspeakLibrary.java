package org.assistantapi.engines.espeak;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.assistantapi.engines.EngineException;
import org.assistantapi.engines.PcmSink;

/**
 * Debian's libespeak-ng 1.51 through the FFM API. espeak-ng keeps process-wide state and has no
 * handle, so every call goes through one lock and the voice is set again whenever it changes.
 */
public final class EspeakLibrary {

    private static final String LIBRARY = "libespeak-ng.so.1";
    private static final int AUDIO_OUTPUT_SYNCHRONOUS = 2;
    private static final int CHARS_UTF8 = 1;
    private static final int PHONEMES_IPA = 0x02;
    private static final int SYNTH_UTF8_WITH_END_PAUSE = 0x1001;
    private static final int POSITION_CHARACTER = 1;
    private static final int PARAMETER_RATE = 1;
    private static final int EE_OK = 0;
    /**
     * espeak_EVENT on 64-bit Linux: type, unique_identifier, text_position, length,
     * audio_position, sample, user_data, then an 8-byte union; a list ends with type 0.
     */
    private static final StructLayout EVENT = MemoryLayout.structLayout(
            JAVA_INT.withName("type"), JAVA_INT.withName("unique_identifier"), JAVA_INT.withName("text_position"),
            JAVA_INT.withName("length"), JAVA_INT.withName("audio_position"), JAVA_INT.withName("sample"),
            ADDRESS.withName("user_data"), MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("id"));
    private static final long EVENT_TYPE = offsetOf("type");
    private static final long EVENT_TEXT_POSITION = offsetOf("text_position");
    private static final long EVENT_SAMPLE = offsetOf("sample");
    private static final int EVENT_LIST_TERMINATED = 0;
    private static final int EVENT_WORD = 1;
    private static final int EVENT_END = 5;
    /** More events than this for one chunk of at most ~1,100 samples would be a broken list. */
    private static final int MAX_EVENTS_PER_CHUNK = 1024;

    private static EspeakLibrary instance;

    private final ReentrantLock lock = new ReentrantLock();
    private final MethodHandle setVoiceByName;
    private final MethodHandle textToPhonemes;
    private final MethodHandle synth;
    private final MethodHandle setParameter;
    private final MethodHandle listVoices;
    private final int sampleRate;
    private String currentVoice;
    private PcmSink currentSink;
    private SpokenWords currentWords;
    private long samplesSpoken;
    private boolean aborted;

    /** One clause as espeak-ng phonemized it, with the punctuation that ended it (0 for none). */
    public record Clause(String phonemes, int terminator, int textEnd) {
    }

    /** An installed espeak-ng voice: its language code, e.g. {@code en-us}, and display name. */
    public record InstalledVoice(String language, String name) {
    }

    private EspeakLibrary() throws EngineException {
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                    LIBRARY + " is not installed (Debian package libespeak-ng1)", e);
        }
        MethodHandle initialize = linker.downcallHandle(lookup.findOrThrow("espeak_Initialize"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
        setVoiceByName = linker.downcallHandle(lookup.findOrThrow("espeak_SetVoiceByName"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS));
        textToPhonemes = linker.downcallHandle(lookup.findOrThrow("espeak_TextToPhonemes"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        synth = linker.downcallHandle(lookup.findOrThrow("espeak_Synth"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                        ADDRESS, ADDRESS));
        setParameter = linker.downcallHandle(lookup.findOrThrow("espeak_SetParameter"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
        listVoices = linker.downcallHandle(lookup.findOrThrow("espeak_ListVoices"),
                FunctionDescriptor.of(ADDRESS, ADDRESS));
        MethodHandle setSynthCallback = linker.downcallHandle(lookup.findOrThrow("espeak_SetSynthCallback"),
                FunctionDescriptor.ofVoid(ADDRESS));
        try {
            sampleRate = (int) initialize.invokeExact(AUDIO_OUTPUT_SYNCHRONOUS, 0, MemorySegment.NULL, 0);
            if (sampleRate <= 0) {
                throw new EngineException(EngineException.VOICE_UNAVAILABLE,
                        "espeak-ng failed to initialize (is espeak-ng-data installed?)");
            }
            MethodHandle onSamples = MethodHandles.lookup().findVirtual(EspeakLibrary.class, "onSamples",
                    MethodType.methodType(int.class, MemorySegment.class, int.class, MemorySegment.class));
            MemorySegment callback = linker.upcallStub(onSamples.bindTo(this),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS), Arena.global());
            setSynthCallback.invokeExact(callback);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, "espeak-ng failed to initialize", e);
        }
    }

    /** The process's one espeak-ng, initialized on first use. */
    public static synchronized EspeakLibrary instance() throws EngineException {
        if (instance == null) {
            instance = new EspeakLibrary();
        }
        return instance;
    }

    /** The rate of the PCM espeak-ng synthesizes, in Hz (22050). */
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Phonemizes text clause by clause in IPA, as Piper does, recovering each clause's ending
     * punctuation from how far espeak-ng moved the text pointer. The text passes {@link LongWords}
     * first: clause offsets refer to {@code LongWords.guard(text)}.
     */
    public List<Clause> phonemize(String voice, String text) throws EngineException {
        return phonemizeUnguarded(voice, LongWords.guard(text));
    }

    /** Phonemizes text exactly as given: only for {@code EspeakFuzzer}, which maps what crashes the library. */
    List<Clause> phonemizeUnguarded(String voice, String text) throws EngineException {
        lock.lock();
        try (Arena arena = Arena.ofConfined()) {
            selectVoice(voice);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            MemorySegment textSegment = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, textSegment, JAVA_BYTE, 0, utf8.length);
            MemorySegment pointer = arena.allocate(ADDRESS);
            pointer.set(ADDRESS, 0, textSegment);
            Utf8Positions positions = new Utf8Positions(text, utf8);
            List<Clause> clauses = new ArrayList<>();
            while (!pointer.get(ADDRESS, 0).equals(MemorySegment.NULL)) {
                MemorySegment phonemes = (MemorySegment) textToPhonemes.invokeExact(pointer, CHARS_UTF8, PHONEMES_IPA);
                MemorySegment next = pointer.get(ADDRESS, 0);
                int clauseEnd = next.equals(MemorySegment.NULL)
                        ? text.length()
                        : positions.charIndexBefore((int) (next.address() - textSegment.address()));
                String ipa = phonemes.equals(MemorySegment.NULL) ? "" : phonemes.reinterpret(Long.MAX_VALUE).getString(0);
                clauses.add(new Clause(ipa, terminatorBefore(text, clauseEnd), clauseEnd));
            }
            return clauses;
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "espeak-ng phonemization failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Synthesizes text with espeak-ng's own synthesizer, passing PCM to the sink as it is made.
     * The text passes {@link LongWords} first.
     *
     * @param wordsPerMinute speaking rate (espeak-ng's default is 175)
     * @return false when the sink asked to stop
     */
    public boolean synthesize(String voice, String text, int wordsPerMinute, PcmSink sink) throws EngineException {
        lock.lock();
        try (Arena arena = Arena.ofConfined()) {
            selectVoice(voice);
            int status = (int) setParameter.invokeExact(PARAMETER_RATE, wordsPerMinute, 0);
            check(status, "set the speaking rate");
            String wellFormed = LongWords.guard(text); // well-formed too: unpaired surrogates replaced
            byte[] utf8 = wellFormed.getBytes(StandardCharsets.UTF_8);
            MemorySegment textSegment = arena.allocate(utf8.length + 1L);
            MemorySegment.copy(utf8, 0, textSegment, JAVA_BYTE, 0, utf8.length);
            currentSink = sink;
            currentWords = new SpokenWords(wellFormed, sink);
            samplesSpoken = 0;
            aborted = false;
            status = (int) synth.invokeExact(textSegment, (long) utf8.length + 1, 0, POSITION_CHARACTER, 0,
                    SYNTH_UTF8_WITH_END_PAUSE, MemorySegment.NULL, MemorySegment.NULL);
            check(status, "synthesize");
            if (!aborted) {
                currentWords.finish(samplesSpoken);
            }
            return !aborted;
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "espeak-ng synthesis failed", e);
        } finally {
            currentSink = null;
            currentWords = null;
            lock.unlock();
        }
    }

    /** Lists the installed voices by language, the first language of each voice file. */
    public List<InstalledVoice> installedVoices() throws EngineException {
        lock.lock();
        try {
            MemorySegment array = ((MemorySegment) listVoices.invokeExact(MemorySegment.NULL)).reinterpret(Long.MAX_VALUE);
            List<InstalledVoice> voices = new ArrayList<>();
            for (long i = 0; ; i++) {
                MemorySegment voice = array.getAtIndex(ADDRESS, i);
                if (voice.equals(MemorySegment.NULL)) {
                    return voices;
                }
                // espeak_VOICE { const char *name; const char *languages; ... }; languages is
                // a priority byte followed by a NUL-terminated language code, repeated.
                MemorySegment fields = voice.reinterpret(2 * ADDRESS.byteSize());
                String name = fields.get(ADDRESS, 0).reinterpret(Long.MAX_VALUE).getString(0);
                String language = fields.get(ADDRESS, ADDRESS.byteSize()).reinterpret(Long.MAX_VALUE).getString(1);
                voices.add(new InstalledVoice(language, name));
            }
        } catch (Throwable e) {
            throw new EngineException(EngineException.VOICE_UNAVAILABLE, "espeak-ng could not list its voices", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Selects a voice by its name or, failing that, by the language {@link #installedVoices} lists
     * it under: espeak-ng finds a voice by its file's name, which is not always its language
     * ({@code en-gb} is the file {@code gmw/en}, {@code fr-fr} is {@code roa/fr}).
     */
    private void selectVoice(String voice) throws Throwable {
        if (voice.equals(currentVoice)) {
            return;
        }
        if (!setVoiceByName(voice)) {
            String name = installedVoices().stream().filter(v -> v.language().equals(voice)).map(InstalledVoice::name)
                    .findFirst().orElse(null);
            if (name == null || !setVoiceByName(name)) {
                throw new EngineException(EngineException.VOICE_NOT_FOUND, "espeak-ng has no voice " + voice);
            }
        }
        currentVoice = voice;
    }

    private boolean setVoiceByName(String name) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            return (int) setVoiceByName.invokeExact(arena.allocateFrom(name)) == EE_OK;
        }
    }

    private static void check(int status, String what) throws EngineException {
        if (status != EE_OK) {
            throw new EngineException(EngineException.SYNTHESIS_FAILED, "espeak-ng failed to " + what + " (" + status + ")");
        }
    }

    /**
     * The synth callback; runs on the thread inside espeak_Synth. Returning 1 aborts synthesis.
     * The chunk's samples go to the sink first, then its events, so a word whose end this chunk
     * marks is reported after the samples that end it.
     */
    @SuppressWarnings("unused")
    private int onSamples(MemorySegment wav, int sampleCount, MemorySegment events) {
        try {
            if (currentSink == null) {
                return 0;
            }
            if (sampleCount > 0 && !wav.equals(MemorySegment.NULL)) {
                short[] samples = wav.reinterpret(sampleCount * 2L).toArray(JAVA_SHORT);
                samplesSpoken += samples.length;
                if (!currentSink.accept(samples, 0, samples.length)) {
                    aborted = true;
                    return 1;
                }
            }
            readEvents(events);
            return 0;
        } catch (Throwable e) {
            // An exception must never unwind into native code: abort this synthesis instead.
            aborted = true;
            return 1;
        }
    }

    /** Passes a chunk's word starts and clause ends on to the text's words. */
    private void readEvents(MemorySegment events) {
        if (events.equals(MemorySegment.NULL)) {
            return;
        }
        MemorySegment list = events.reinterpret(EVENT.byteSize() * MAX_EVENTS_PER_CHUNK);
        for (int i = 0; i < MAX_EVENTS_PER_CHUNK; i++) {
            MemorySegment event = list.asSlice(i * EVENT.byteSize(), EVENT.byteSize());
            int type = event.get(JAVA_INT, EVENT_TYPE);
            if (type == EVENT_LIST_TERMINATED) {
                return;
            }
            long sample = Math.min(event.get(JAVA_INT, EVENT_SAMPLE), samplesSpoken);
            if (type == EVENT_WORD) {
                currentWords.wordStarts(event.get(JAVA_INT, EVENT_TEXT_POSITION), sample);
            } else if (type == EVENT_END) {
                currentWords.clauseEnds(event.get(JAVA_INT, EVENT_TEXT_POSITION), sample);
            }
        }
    }

    private static long offsetOf(String field) {
        return EVENT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    /**
     * The punctuation ending the clause whose text ends at {@code end}: skip back over whitespace
     * and closing quotes or brackets; return the character there if it is clause punctuation.
     */
    static int terminatorBefore(String text, int end) {
        int i = end;
        while (i > 0) {
            int c = text.codePointBefore(i);
            if (Character.isWhitespace(c) || isClosing(c)) {
                i -= Character.charCount(c);
            } else {
                return isClausePunctuation(c) ? c : 0;
            }
        }
        return 0;
    }

    private static boolean isClosing(int c) {
        return switch (c) {
            case '"', '\'', ')', ']', '}', '»', '”', '’' -> true;
            default -> false;
        };
    }

    private static boolean isClausePunctuation(int c) {
        return switch (c) {
            case '.', ',', '?', '!', ';', ':', '…', '。', '？', '！', '，', '；', '：' -> true;
            default -> false;
        };
    }

    /** Maps UTF-8 byte offsets back to char indexes in the Java string. */
    private static final class Utf8Positions {
        private final String text;
        private final int[] charIndexAtByte;

        Utf8Positions(String text, byte[] utf8) {
            this.text = text;
            charIndexAtByte = new int[utf8.length + 1];
            int b = 0;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                for (int k = 0; k < bytes; k++) {
                    charIndexAtByte[b + k] = i;
                }
                b += bytes;
                i += Character.charCount(cp);
            }
            charIndexAtByte[utf8.length] = text.length();
        }

        /** espeak-ng stops one code point past the clause: the clause ends where that code point starts. */
        int charIndexBefore(int byteOffset) {
            int at = charIndexAtByte[Math.min(Math.max(byteOffset, 0), charIndexAtByte.length - 1)];
            return at == 0 ? 0 : at - Character.charCount(text.codePointBefore(at));
        }
    }
}
