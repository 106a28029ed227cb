package org.assistantapi.workers.protocol;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes frames: {@code int length} (of what follows), {@code byte type}, then the body
 * in big-endian {@link DataOutputStream} encoding; strings are {@code int length} + UTF-8 bytes.
 * A frame is written in one piece, so several threads may share a {@link Writer}.
 */
public final class FrameCodec {

    /** Larger frames are refused: they can only come from a broken peer. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private static final byte START_JOB = 1;
    private static final byte CREDIT = 2;
    private static final byte CANCEL = 3;
    private static final byte PING = 4;
    private static final byte PREWARM = 5;
    private static final byte APPEND_TEXT = 6;
    private static final byte END_TEXT = 7;
    private static final byte PHONEMIZE = 8;
    private static final byte READY = 20;
    private static final byte STARTED = 21;
    private static final byte AUDIO = 22;
    private static final byte END = 23;
    private static final byte FAILED = 24;
    private static final byte PONG = 25;
    private static final byte PREWARMED = 26;
    private static final byte SEGMENT_SPOKEN = 27;
    private static final byte CATALOG_CHANGED = 28;
    private static final byte WORD = 29;
    private static final byte PHONEMIZED = 30;
    private static final byte SPEAKING = 31;
    private static final byte SLACK = 32;
    private static final byte PREEMPTED = 33;

    private FrameCodec() {
    }

    /** Writes whole frames to a stream; thread-safe. */
    public static final class Writer {
        private final DataOutputStream out;

        public Writer(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        public synchronized void write(Frame frame) throws IOException {
            byte[] body = encode(frame);
            out.writeInt(body.length);
            out.write(body);
            out.flush();
        }
    }

    /** Reads frames from a stream; one reader thread. */
    public static final class Reader {
        private final DataInputStream in;

        public Reader(InputStream in) {
            this.in = new DataInputStream(in);
        }

        /** The next frame, or null at a clean end of the stream. */
        public Frame read() throws IOException {
            int length;
            try {
                length = in.readInt();
            } catch (EOFException e) {
                return null;
            }
            if (length <= 0 || length > MAX_FRAME_BYTES) {
                throw new IOException("bad frame length " + length);
            }
            byte[] body = new byte[length];
            in.readFully(body);
            return decode(new DataInputStream(new java.io.ByteArrayInputStream(body)));
        }
    }

    static byte[] encode(Frame frame) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        switch (frame) {
            case ToWorker.StartJob f -> {
                out.writeByte(START_JOB);
                out.writeLong(f.jobId());
                writeString(out, f.voice());
                writeString(out, f.speaker());
                out.writeDouble(f.speed());
                writeString(out, f.format());
                out.writeInt(f.sampleRate());
                out.writeInt(f.credits());
                writeString(out, f.text());
                out.writeBoolean(f.moreText());
                out.writeBoolean(f.continuation());
                out.writeBoolean(f.wordTimings());
                out.writeBoolean(f.rawText());
            }
            case ToWorker.AppendText f -> {
                out.writeByte(APPEND_TEXT);
                out.writeLong(f.jobId());
                out.writeInt(f.segment());
                writeString(out, f.text());
            }
            case ToWorker.EndText f -> {
                out.writeByte(END_TEXT);
                out.writeLong(f.jobId());
            }
            case ToWorker.Credit f -> {
                out.writeByte(CREDIT);
                out.writeLong(f.jobId());
                out.writeInt(f.frames());
            }
            case ToWorker.Cancel f -> {
                out.writeByte(CANCEL);
                out.writeLong(f.jobId());
            }
            case ToWorker.Ping f -> {
                out.writeByte(PING);
                out.writeLong(f.sequence());
            }
            case ToWorker.Prewarm f -> {
                out.writeByte(PREWARM);
                out.writeLong(f.requestId());
                writeStrings(out, f.voices());
            }
            case ToWorker.Phonemize f -> {
                out.writeByte(PHONEMIZE);
                out.writeLong(f.requestId());
                writeString(out, f.voice());
                writeString(out, f.text());
                out.writeBoolean(f.rawText());
            }
            case FromWorker.Phonemized f -> {
                out.writeByte(PHONEMIZED);
                out.writeLong(f.requestId());
                out.writeInt(f.sentences().size());
                for (FromWorker.Sentence sentence : f.sentences()) {
                    writeString(out, sentence.text());
                    writeString(out, sentence.phonemes());
                }
                writeString(out, f.errorCode() == null ? null : f.errorCode().code());
                writeString(out, f.errorMessage());
            }
            case FromWorker.Ready f -> {
                out.writeByte(READY);
                writeVoices(out, f.voices());
                out.writeInt(f.formats().size());
                for (FormatDescriptor format : f.formats()) {
                    writeString(out, format.id());
                    writeString(out, format.contentType());
                }
            }
            case FromWorker.CatalogChanged f -> {
                out.writeByte(CATALOG_CHANGED);
                writeVoices(out, f.voices());
            }
            case FromWorker.Started f -> {
                out.writeByte(STARTED);
                out.writeLong(f.jobId());
                writeString(out, f.contentType());
                out.writeInt(f.sampleRate());
            }
            case FromWorker.Audio f -> {
                out.writeByte(AUDIO);
                out.writeLong(f.jobId());
                out.writeInt(f.data().length);
                out.write(f.data());
            }
            case FromWorker.SegmentSpoken f -> {
                out.writeByte(SEGMENT_SPOKEN);
                out.writeLong(f.jobId());
                out.writeInt(f.segment());
                out.writeLong(f.audioMicros());
                out.writeLong(f.engineMicros());
            }
            case FromWorker.Word f -> {
                out.writeByte(WORD);
                out.writeLong(f.jobId());
                out.writeInt(f.segment());
                writeString(out, f.text());
                out.writeLong(f.startMicros());
                out.writeLong(f.endMicros());
            }
            case FromWorker.Speaking f -> {
                out.writeByte(SPEAKING);
                out.writeLong(f.jobId());
                out.writeInt(f.segment());
            }
            case FromWorker.Slack f -> {
                out.writeByte(SLACK);
                out.writeLong(f.jobId());
                out.writeLong(f.slackMicros());
                out.writeLong(f.waitedMicros());
            }
            case FromWorker.Preempted f -> {
                out.writeByte(PREEMPTED);
                out.writeLong(f.jobId());
                out.writeLong(f.lostMicros());
            }
            case FromWorker.End f -> {
                out.writeByte(END);
                out.writeLong(f.jobId());
            }
            case FromWorker.Failed f -> {
                out.writeByte(FAILED);
                out.writeLong(f.jobId());
                writeString(out, f.code().code());
                writeString(out, f.message());
            }
            case FromWorker.Pong f -> {
                out.writeByte(PONG);
                out.writeLong(f.sequence());
                out.writeInt(f.activeJobs());
                writeStrings(out, f.loadedVoices());
            }
            case FromWorker.Prewarmed f -> {
                out.writeByte(PREWARMED);
                out.writeLong(f.requestId());
                out.writeInt(f.loads().size());
                for (FromWorker.VoiceLoad load : f.loads()) {
                    writeString(out, load.voice());
                    out.writeLong(load.millis());
                    writeString(out, load.error());
                }
            }
        }
        return bytes.toByteArray();
    }

    static Frame decode(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case START_JOB -> new ToWorker.StartJob(in.readLong(), readString(in), readString(in), in.readDouble(),
                    readString(in), in.readInt(), in.readInt(), readString(in), in.readBoolean(), in.readBoolean(),
                    in.readBoolean(), in.readBoolean());
            case APPEND_TEXT -> new ToWorker.AppendText(in.readLong(), in.readInt(), readString(in));
            case END_TEXT -> new ToWorker.EndText(in.readLong());
            case CREDIT -> new ToWorker.Credit(in.readLong(), in.readInt());
            case CANCEL -> new ToWorker.Cancel(in.readLong());
            case PING -> new ToWorker.Ping(in.readLong());
            case PREWARM -> new ToWorker.Prewarm(in.readLong(), readStrings(in));
            case PHONEMIZE -> new ToWorker.Phonemize(in.readLong(), readString(in), readString(in), in.readBoolean());
            case PHONEMIZED -> {
                long requestId = in.readLong();
                List<FromWorker.Sentence> sentences = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    sentences.add(new FromWorker.Sentence(readString(in), readString(in)));
                }
                String errorCode = readString(in);
                yield new FromWorker.Phonemized(requestId, sentences, errorCode == null ? null : FailureCode.of(errorCode),
                        readString(in));
            }
            case READY -> {
                List<VoiceDescriptor> voices = readVoices(in);
                List<FormatDescriptor> formats = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    formats.add(new FormatDescriptor(readString(in), readString(in)));
                }
                yield new FromWorker.Ready(voices, formats);
            }
            case CATALOG_CHANGED -> new FromWorker.CatalogChanged(readVoices(in));
            case STARTED -> new FromWorker.Started(in.readLong(), readString(in), in.readInt());
            case AUDIO -> {
                long jobId = in.readLong();
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                yield new FromWorker.Audio(jobId, data);
            }
            case SEGMENT_SPOKEN -> new FromWorker.SegmentSpoken(in.readLong(), in.readInt(), in.readLong(), in.readLong());
            case WORD -> new FromWorker.Word(in.readLong(), in.readInt(), readString(in), in.readLong(), in.readLong());
            case SPEAKING -> new FromWorker.Speaking(in.readLong(), in.readInt());
            case SLACK -> new FromWorker.Slack(in.readLong(), in.readLong(), in.readLong());
            case PREEMPTED -> new FromWorker.Preempted(in.readLong(), in.readLong());
            case END -> new FromWorker.End(in.readLong());
            case FAILED -> new FromWorker.Failed(in.readLong(), FailureCode.of(readString(in)), readString(in));
            case PONG -> new FromWorker.Pong(in.readLong(), in.readInt(), readStrings(in));
            case PREWARMED -> {
                long requestId = in.readLong();
                List<FromWorker.VoiceLoad> loads = new ArrayList<>();
                for (int i = in.readInt(); i > 0; i--) {
                    loads.add(new FromWorker.VoiceLoad(readString(in), in.readLong(), readString(in)));
                }
                yield new FromWorker.Prewarmed(requestId, loads);
            }
            default -> throw new IOException("unknown frame type " + type);
        };
    }

    private static void writeVoices(DataOutputStream out, List<VoiceDescriptor> voices) throws IOException {
        out.writeInt(voices.size());
        for (VoiceDescriptor v : voices) {
            writeVoice(out, v);
        }
    }

    private static List<VoiceDescriptor> readVoices(DataInputStream in) throws IOException {
        List<VoiceDescriptor> voices = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            voices.add(readVoice(in));
        }
        return voices;
    }

    private static void writeVoice(DataOutputStream out, VoiceDescriptor v) throws IOException {
        writeString(out, v.id());
        writeString(out, v.engine());
        writeString(out, v.language());
        out.writeInt(v.sampleRate());
        out.writeInt(v.speakerCount());
        out.writeInt(v.speakers().size());
        for (Map.Entry<String, Integer> speaker : v.speakers().entrySet()) {
            writeString(out, speaker.getKey());
            out.writeInt(speaker.getValue());
        }
        writeString(out, v.revision());
    }

    private static VoiceDescriptor readVoice(DataInputStream in) throws IOException {
        String id = readString(in);
        String engine = readString(in);
        String language = readString(in);
        int sampleRate = in.readInt();
        int speakerCount = in.readInt();
        Map<String, Integer> speakers = new HashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            speakers.put(readString(in), in.readInt());
        }
        return new VoiceDescriptor(id, engine, language, sampleRate, speakerCount, speakers, readString(in));
    }

    /** Strings may be null: a length of -1. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            writeString(out, s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        List<String> strings = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            strings.add(readString(in));
        }
        return strings;
    }
}
