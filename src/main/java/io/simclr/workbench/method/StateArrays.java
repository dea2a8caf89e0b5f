package io.simclr.workbench.method;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/** Named arrays of a method's state (a queue, a bank, their bookkeeping) in a checkpoint: a length, then DJL's encoding. */
final class StateArrays {
    private StateArrays() {}

    static void write(DataOutputStream out, NDList arrays) throws IOException {
        byte[] bytes = arrays.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** The arrays {@link #write} wrote, in {@code manager}, in the same order. */
    static NDList read(DataInputStream in, NDManager manager) throws IOException {
        int length = in.readInt();
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("the method's state ends early");
        }
        return NDList.decode(manager, bytes);
    }
}
