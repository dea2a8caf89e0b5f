package io.simclr.workbench.method;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A method's state in a checkpoint: arrays (a queue, a bank, their bookkeeping) as a length and
 * DJL's encoding, and blocks (a target network, a predictor, prototypes) as DJL writes parameters.
 */
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

    /** Reads {@code block}'s parameters as {@code Block.saveParameters} wrote them; {@code what} names it in the error a misfit gets. */
    static void loadParameters(Block block, NDManager manager, DataInputStream in, String what) throws IOException {
        try {
            block.loadParameters(manager, in);
        } catch (MalformedModelException e) {
            throw new IOException("the checkpoint holds " + what + " of another shape than this run's (" + e.getMessage() + ")", e);
        }
    }
}
