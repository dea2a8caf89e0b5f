package io.simclr.workbench.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenReadsBackWithItsMetadataAndTheDataStartsEightByteAligned() throws IOException {
        Path file = dir.resolve("t.safetensors");
        float[] w = {1.5f, -2f, 3.25f, Float.MIN_VALUE, -0f, 7f};
        Safetensors.write(file, List.of(Safetensors.Tensor.f32("a.weight", new long[] {2, 3}, w),
                Safetensors.Tensor.i64("a.num_batches_tracked", new long[] {}, new long[] {42})), Map.of("encoder", "small"));
        Safetensors.Header header = Safetensors.readHeader(file);
        assertEquals(0, header.dataStart() % 8);
        assertEquals(Map.of("encoder", "small"), header.metadata());
        assertArrayEquals(w, Safetensors.readF32(header, header.byName().get("a.weight")));
        assertArrayEquals(new long[] {42}, Safetensors.readIntegers(header, header.byName().get("a.num_batches_tracked")));
        assertArrayEquals(new long[] {}, header.byName().get("a.num_batches_tracked").shape());
        long length = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(Files.size(file), 8 + length + 6 * 4 + 8);
    }

    @Test
    void aFileThatIsNotSafetensorsIsSaidToBeSo() throws IOException {
        Files.writeString(dir.resolve("notes.safetensors"), "hello, these are notes and not weights at all");
        assertRefused("notes.safetensors", "is not a safetensors file");
        Files.write(dir.resolve("short.safetensors"), new byte[3]);
        assertRefused("short.safetensors", "fewer than the 8");
        Files.write(dir.resolve("notjson.safetensors"), raw("{\"a\": [1, 2", 0));
        assertRefused("notjson.safetensors", "not valid JSON");
    }

    @Test
    void aHeaderThatLiesAboutSizesIsRefusedWithTheReason() throws IOException {
        Files.write(dir.resolve("beyond.safetensors"), raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8));
        assertRefused("beyond.safetensors", "is truncated or its header lies", "w should end at byte 16", "holds 8 bytes");
        Files.write(dir.resolve("overlap.safetensors"), raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        assertRefused("overlap.safetensors", "overlap");
        Files.write(dir.resolve("mismatch.safetensors"), raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8));
        assertRefused("mismatch.safetensors", "w is F32 [3], which takes 12 bytes, but gives it 8");
        Files.write(dir.resolve("dtype.safetensors"), raw("{\"w\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8));
        assertRefused("dtype.safetensors", "not a safetensors dtype");
        Files.write(dir.resolve("gap.safetensors"), raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        assertRefused("gap.safetensors", "unused");
        Files.write(dir.resolve("long.safetensors"), raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 16));
        assertRefused("long.safetensors", "accounts for 8 bytes of data but the file holds 16");
        byte[] whole = raw("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8);
        Files.write(dir.resolve("cut.safetensors"), java.util.Arrays.copyOf(whole, 20));
        assertRefused("cut.safetensors", "is truncated");
    }

    private void assertRefused(String name, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Safetensors.readHeader(dir.resolve(name)));
        assertTrue(e.getMessage().startsWith(dir.resolve(name).toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' in: " + e.getMessage());
        }
        assertEquals(1, e.getMessage().lines().count());
    }

    private static byte[] raw(String header, int dataBytes) {
        return RawSafetensors.of(header, dataBytes);
    }
}
