package io.simclr.workbench.exchange;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Safetensors files as a careless or hostile writer makes them, for tests of what reading refuses. */
public final class RawSafetensors {
    private RawSafetensors() {}

    /** A file with exactly this header text and this many zero bytes of data. */
    public static byte[] of(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return b.array();
    }
}
