package io.simclr.workbench.exchange;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.simclr.workbench.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The safetensors format (Hugging Face's; what PyTorch users exchange weights in, with no code to
 * run on loading): an 8-byte little-endian header length N, N bytes of JSON naming each tensor's
 * dtype, shape and byte range ({@code data_offsets}, relative to the data) plus an optional
 * {@code __metadata__} map of strings, then the raw little-endian data, tensor after tensor with no
 * gaps. Written here in a few dozen lines rather than through a library; read with every check the
 * reference implementation makes, so a damaged or lying file is refused with the reason.
 */
public final class Safetensors {

    /** The reference implementation refuses headers above 100 MB. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA = "__metadata__";

    /** The element types the format defines, with their sizes in bytes. */
    private static final Map<String, Integer> DTYPE_BYTES = Map.ofEntries(Map.entry("F64", 8), Map.entry("F32", 4), Map.entry("F16", 2),
            Map.entry("BF16", 2), Map.entry("I64", 8), Map.entry("I32", 4), Map.entry("I16", 2), Map.entry("I8", 1), Map.entry("U64", 8),
            Map.entry("U32", 4), Map.entry("U16", 2), Map.entry("U8", 1), Map.entry("BOOL", 1), Map.entry("F8_E4M3", 1),
            Map.entry("F8_E5M2", 1));

    /** One tensor to write: F32 values or I64 values, row-major. */
    public record Tensor(String name, long[] shape, float[] f32, long[] i64) {
        public static Tensor f32(String name, long[] shape, float[] values) {
            return new Tensor(name, shape, values, null);
        }

        public static Tensor i64(String name, long[] shape, long[] values) {
            return new Tensor(name, shape, null, values);
        }

        String dtype() {
            return f32 != null ? "F32" : "I64";
        }

        long bytes() {
            return f32 != null ? 4L * f32.length : 8L * i64.length;
        }
    }

    /** A tensor's entry in a file's header: where its bytes are, relative to the start of the data. */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        /** "F32 [64, 3, 7, 7]" */
        public String describe() {
            return dtype + " " + Arrays.toString(shape);
        }
    }

    /** A file's header: its tensors in the order of their data, its metadata, and where the data starts. */
    public record Header(Path file, List<Entry> entries, Map<String, String> metadata, long dataStart) {
        public Map<String, Entry> byName() {
            Map<String, Entry> map = new LinkedHashMap<>();
            entries.forEach(e -> map.put(e.name(), e));
            return map;
        }
    }

    private Safetensors() {}

    /** Writes {@code tensors} (in this order) and {@code metadata} to {@code target}, whole or not at all. */
    public static void write(Path target, List<Tensor> tensors, Map<String, String> metadata) throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            JsonObject meta = new JsonObject();
            metadata.forEach(meta::addProperty);
            header.add(METADATA, meta);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            long elements = Arrays.stream(t.shape()).reduce(1, (a, b) -> a * b);
            long values = t.f32() != null ? t.f32().length : t.i64().length;
            if (elements != values) {
                throw new IllegalArgumentException(t.name() + ": shape " + Arrays.toString(t.shape()) + " holds " + elements + " values, not " + values);
            }
            if (header.has(t.name())) {
                throw new IllegalArgumentException(t.name() + " is written twice");
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", t.dtype());
            JsonArray shape = new JsonArray();
            Arrays.stream(t.shape()).forEach(shape::add);
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(offset + t.bytes());
            entry.add("data_offsets", offsets);
            header.add(t.name(), entry);
            offset += t.bytes();
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        // Padded with spaces so the data starts 8-byte aligned, as the reference writer does.
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.write(target, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
                out.write(length.array());
                out.write(headerBytes);
                ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (Tensor t : tensors) {
                    int n = t.f32() != null ? t.f32().length : t.i64().length;
                    for (int i = 0; i < n; i++) {
                        if (chunk.remaining() < 8) {
                            out.write(chunk.array(), 0, chunk.position());
                            chunk.clear();
                        }
                        if (t.f32() != null) {
                            chunk.putFloat(t.f32()[i]);
                        } else {
                            chunk.putLong(t.i64()[i]);
                        }
                    }
                }
                out.write(chunk.array(), 0, chunk.position());
            }
        });
    }

    /**
     * Reads and checks a file's header: its length, its JSON, every entry's dtype, shape and byte
     * range against the others and against the file's size.
     *
     * @throws IllegalArgumentException one line naming the file, what is wrong, and what to do
     */
    public static Header readHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            throw bad(file, Files.isDirectory(file) ? "is a folder, not a safetensors file" : "does not exist", "check the path");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw notSafetensors(file, "it has " + size + " bytes, fewer than the 8 that give a safetensors header's length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long n = lengthBytes.flip().getLong();
            if (n < 2 || n > MAX_HEADER_BYTES) {
                throw notSafetensors(file, String.format(Locale.ROOT, "its first 8 bytes give a header length of %,d bytes", n));
            }
            if (8 + n > size) {
                throw bad(file, String.format(Locale.ROOT, "is truncated: its header alone should take %,d bytes but the file has %,d", 8 + n, size),
                        "copy or export it again");
            }
            ByteBuffer json = ByteBuffer.allocate((int) n);
            readFully(channel, json, 8);
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(json.flip()).toString();
            } catch (CharacterCodingException e) {
                throw notSafetensors(file, "its header is not UTF-8 text");
            }
            if (!text.startsWith("{")) {
                throw notSafetensors(file, "its header is not a JSON object");
            }
            JsonObject header;
            try {
                header = JsonParser.parseString(text).getAsJsonObject();
            } catch (RuntimeException e) {
                throw notSafetensors(file, "its header is not valid JSON");
            }
            return parse(file, header, size - 8 - n, 8 + n);
        } catch (IOException e) {
            throw bad(file, "cannot be read (" + e.getMessage() + ")", "check that it is readable");
        }
    }

    private static Header parse(Path file, JsonObject header, long dataBytes, long dataStart) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals(METADATA)) {
                if (!e.getValue().isJsonObject()) {
                    throw lies(file, "its __metadata__ is not a map of strings");
                }
                for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
                    if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                        throw lies(file, "its __metadata__ entry '" + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().getAsString());
                }
                continue;
            }
            entries.add(entry(file, name, e.getValue()));
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long at = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() < at) {
                throw lies(file, String.format(Locale.ROOT, "its header lets %s (bytes %,d-%,d) overlap %s (bytes %,d-%,d)", e.name(), e.begin(),
                        e.end(), previous.name(), previous.begin(), previous.end()));
            }
            if (e.begin() > at) {
                throw lies(file, String.format(Locale.ROOT, "its header leaves bytes %,d-%,d of the data unused before %s", at, e.begin(), e.name()));
            }
            if (e.end() > dataBytes) {
                throw bad(file, String.format(Locale.ROOT, "is truncated or its header lies: %s should end at byte %,d of the data but the file"
                        + " holds %,d bytes of data", e.name(), e.end(), dataBytes), "copy or export it again");
            }
            at = e.end();
            previous = e;
        }
        if (at != dataBytes) {
            throw lies(file, String.format(Locale.ROOT, "its header accounts for %,d bytes of data but the file holds %,d", at, dataBytes));
        }
        return new Header(file, List.copyOf(entries), java.util.Collections.unmodifiableMap(metadata), dataStart);
    }

    private static Entry entry(Path file, String name, JsonElement value) {
        if (!value.isJsonObject()) {
            throw lies(file, "its header entry " + name + " is not an object with dtype, shape and data_offsets");
        }
        JsonObject o = value.getAsJsonObject();
        JsonElement dtype = o.get("dtype");
        if (dtype == null || !dtype.isJsonPrimitive() || !DTYPE_BYTES.containsKey(dtype.getAsString())) {
            throw lies(file, name + " has dtype " + dtype + ", which is not a safetensors dtype");
        }
        long[] shape = longs(file, name, "shape", o.get("shape"), -1);
        long[] offsets = longs(file, name, "data_offsets", o.get("data_offsets"), 2);
        if (offsets[1] < offsets[0]) {
            throw lies(file, String.format(Locale.ROOT, "%s ends (byte %,d) before it begins (byte %,d)", name, offsets[1], offsets[0]));
        }
        Entry entry = new Entry(name, dtype.getAsString(), shape, offsets[0], offsets[1]);
        long expected;
        try {
            long elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            expected = Math.multiplyExact(elements, (long) DTYPE_BYTES.get(entry.dtype()));
        } catch (ArithmeticException e) {
            throw lies(file, name + " has a shape too large to exist: " + Arrays.toString(shape));
        }
        if (expected != offsets[1] - offsets[0]) {
            throw lies(file, String.format(Locale.ROOT, "its header says %s is %s, which takes %,d bytes, but gives it %,d (bytes %,d-%,d)", name,
                    entry.describe(), expected, offsets[1] - offsets[0], offsets[0], offsets[1]));
        }
        return entry;
    }

    private static long[] longs(Path file, String name, String key, JsonElement value, int length) {
        if (value == null || !value.isJsonArray() || (length >= 0 && value.getAsJsonArray().size() != length)) {
            throw lies(file, name + " has no valid " + key);
        }
        long[] out = new long[value.getAsJsonArray().size()];
        for (int i = 0; i < out.length; i++) {
            JsonElement v = value.getAsJsonArray().get(i);
            try {
                if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
                    throw new NumberFormatException();
                }
                out[i] = v.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                throw lies(file, name + " has a " + key + " entry that is not a whole number: " + v);
            }
            if (out[i] < 0) {
                throw lies(file, name + " has a negative " + key + " entry: " + out[i]);
            }
        }
        return out;
    }

    /** The values of an F32 tensor. */
    public static float[] readF32(Header header, Entry entry) throws IOException {
        if (!entry.dtype().equals("F32")) {
            throw new IllegalArgumentException(entry.name() + " is " + entry.dtype() + ", not F32");
        }
        ByteBuffer bytes = read(header, entry);
        float[] values = new float[(int) entry.elements()];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    /** The values of an integer tensor (any of the signed or unsigned widths), widened to long. */
    public static long[] readIntegers(Header header, Entry entry) throws IOException {
        ByteBuffer bytes = read(header, entry);
        long[] values = new long[(int) entry.elements()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (entry.dtype()) {
                case "I64", "U64" -> bytes.getLong();
                case "I32" -> bytes.getInt();
                case "U32" -> Integer.toUnsignedLong(bytes.getInt());
                case "I16" -> bytes.getShort();
                case "U16" -> Short.toUnsignedInt(bytes.getShort());
                case "I8" -> bytes.get();
                case "U8", "BOOL" -> Byte.toUnsignedInt(bytes.get());
                default -> throw new IllegalArgumentException(entry.name() + " is " + entry.dtype() + ", not an integer type");
            };
        }
        return values;
    }

    private static ByteBuffer read(Header header, Entry entry) throws IOException {
        long length = entry.end() - entry.begin();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(header.file() + ": " + entry.name() + " is larger than 2 GB; split it");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(header.file(), StandardOpenOption.READ)) {
            readFully(channel, bytes, header.dataStart() + entry.begin());
        }
        return bytes.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = channel.read(into, at);
            if (n < 0) {
                throw new IOException("the file ended early");
            }
            at += n;
        }
    }

    private static IllegalArgumentException notSafetensors(Path file, String why) {
        return bad(file, "is not a safetensors file (" + why + ")",
                "give a .safetensors file (export RUN --to pytorch, or safetensors.torch.save_file(model.state_dict(), path) in Python)");
    }

    private static IllegalArgumentException lies(Path file, String why) {
        return bad(file, "is damaged: " + why, "export it again (safetensors.torch.save_file writes a consistent header)");
    }

    private static IllegalArgumentException bad(Path file, String what, String todo) {
        return new IllegalArgumentException(file + " " + what + "; " + todo);
    }
}
