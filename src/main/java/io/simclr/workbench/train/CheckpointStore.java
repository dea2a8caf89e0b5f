package io.simclr.workbench.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.model.SimClrNetwork;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checkpoint files in a run's {@code checkpoints/}: the position (JSON), the network's parameters
 * (including batch-norm statistics) and the optimizer state, in one file written to a temporary name
 * and renamed, so a checkpoint is whole or absent. {@code latest} names the newest. Only the newest
 * {@link #KEPT} are kept: a ResNet-18 checkpoint with Adam's moments is 130 MB, so one per epoch
 * filled a 100-epoch run's disk with 13 GB that nothing reads (resume and evaluation use the newest).
 */
public final class CheckpointStore {

    private static final String MAGIC = "SIMCLR-WORKBENCH-CHECKPOINT";
    private static final int FORMAT = 1;
    /** The newest checkpoint and the one before it, should the newest be unreadable. */
    static final int KEPT = 2;
    private static final Pattern NAME = Pattern.compile("epoch-\\d{4}-step-\\d{7}\\.ckpt");

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path save(Checkpoint position, SimClrNetwork network, ParameterOptimizer optimizer) throws IOException {
        String name = String.format("epoch-%04d-step-%07d.ckpt", position.epoch(), position.globalStep());
        Path target = dir.resolve(name);
        AtomicFiles.write(target, tmp -> {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(Json.toJson(position));
                network.saveParameters(out);
                byte[] state = optimizer.saveState().encode();
                out.writeInt(state.length);
                out.write(state);
            }
        });
        AtomicFiles.writeString(dir.resolve("latest"), name + "\n");
        deleteAllButNewest();
        return target;
    }

    /** Names sort as (epoch, step), both zero-padded; files of other names are not this store's to delete. */
    private void deleteAllButNewest() throws IOException {
        List<Path> ours;
        try (Stream<Path> files = Files.list(dir)) {
            ours = files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted(Comparator.reverseOrder()).toList();
        }
        for (Path old : ours.subList(Math.min(KEPT, ours.size()), ours.size())) {
            Files.deleteIfExists(old);
        }
    }

    public Optional<Path> latest() {
        Path pointer = dir.resolve("latest");
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            Path file = dir.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim());
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads only the position of a checkpoint. */
    public static Checkpoint readPosition(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            return header(file, in);
        }
    }

    /** Loads parameters into {@code network} and state into {@code optimizer} (when given); returns the position. */
    public static Checkpoint load(Path file, SimClrNetwork network, ParameterOptimizer optimizer, NDManager manager) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            Checkpoint position = header(file, in);
            if (!position.encoder().equals(network.config().encoder().id())) {
                throw new IllegalArgumentException(file + " holds a " + position.encoder() + " encoder but the run's config asks for "
                        + network.config().encoder().id() + "; the checkpoint does not belong to this config");
            }
            try {
                network.loadParameters(manager, in);
            } catch (MalformedModelException | IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(file + ": its parameters do not fit the network of the run's config (" + e.getMessage() + ")", e);
            }
            int length = in.readInt();
            byte[] state = in.readNBytes(length);
            if (state.length != length) {
                throw new IOException(file + ": truncated optimizer state");
            }
            if (optimizer != null) {
                try (NDManager scratch = manager.newSubManager()) {
                    optimizer.loadState(NDList.decode(scratch, state), position.optimizerSteps());
                }
            }
            return position;
        }
    }

    private static Checkpoint header(Path file, DataInputStream in) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            throw new IOException(file + ": not a SimCLR Workbench checkpoint (" + e.getMessage() + ")", e);
        }
        if (!MAGIC.equals(magic)) {
            throw new IOException(file + ": not a SimCLR Workbench checkpoint");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException(file + ": checkpoint format " + format + " is not supported by this version (" + FORMAT + ")");
        }
        return Json.GSON.fromJson(in.readUTF(), Checkpoint.class);
    }
}
