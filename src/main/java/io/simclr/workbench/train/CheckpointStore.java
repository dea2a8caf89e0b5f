package io.simclr.workbench.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.model.SimClrNetwork;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Checkpoint files in a run's {@code checkpoints/}: the position (JSON), the network's parameters
 * (including batch-norm statistics), the optimizer state and the method's state (its momentum
 * target, predictor, prototypes, queue or bank, under the method's name), in one file written to a temporary name
 * and renamed, so a checkpoint is whole or absent, and ending in its length and a CRC-32C of what
 * comes before, so a damaged one is known before anything trusts it. Readers take the newest file
 * that verifies, by name (epoch, then step), not the {@code latest} pointer, which a kill between
 * the rename and its own update would leave one behind; {@code latest} is still written for people.
 * Only the newest {@link #KEPT} are kept: a ResNet-18 checkpoint with Adam's moments is 130 MB.
 */
public final class CheckpointStore {

    private static final String MAGIC = "SIMCLR-WORKBENCH-CHECKPOINT";
    /** 1: no trailer (still read, unverified); 2: length and CRC-32C trailer; 3: the method's state after the optimizer's. */
    private static final int FORMAT = 3;
    private static final int TRAILER_BYTES = 16;
    /** The newest checkpoint and the one before it, should the newest be unreadable. */
    static final int KEPT = 2;
    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4})-step-(\\d{7})\\.ckpt");

    /** A checkpoint file passed over, and why ("… is truncated (…)"). */
    public record Skipped(Path file, String why) {}

    /** The newest checkpoint that verifies, and the newer ones passed over. */
    public record Found(Path file, List<Skipped> skipped) {
        /** One line for a log: which checkpoint, and what was passed over and why. */
        public String describe() {
            String used = "using " + file.getFileName();
            return skipped.isEmpty() ? used : used + "; skipped " + reasons(skipped);
        }
    }

    /** A checkpoint that was loaded, and the newer ones passed over. */
    public record Loaded(Path file, Checkpoint position, List<Skipped> skipped) {
        /** One line for a log: which checkpoint, and what was passed over and why. */
        public String describe() {
            return new Found(file, skipped).describe();
        }
    }

    static String reasons(List<Skipped> skipped) {
        return String.join("; ", skipped.stream().map(Skipped::why).toList());
    }

    /** No checkpoint of the run could be used; {@link #skipped()} says why each one was not. */
    public static final class NoCheckpointException extends IllegalArgumentException {
        private final transient List<Skipped> skipped;

        NoCheckpointException(Path dir, List<Skipped> skipped) {
            super(dir.getParent() + " has no usable checkpoint yet" + (skipped.isEmpty() ? "" : " (" + reasons(skipped) + ")")
                    + "; train it until it reaches the end of an epoch (or Stop it, which saves one) first");
            this.skipped = skipped;
        }

        public List<Skipped> skipped() {
            return skipped;
        }

        public String describeSkipped() {
            return reasons(skipped);
        }
    }

    private final Path dir;

    public CheckpointStore(Path dir) {
        this.dir = dir;
    }

    public Path save(Checkpoint position, SimClrNetwork network, ParameterOptimizer optimizer, TrainingMethod method) throws IOException {
        String name = String.format("epoch-%04d-step-%07d.ckpt", position.epoch(), position.globalStep());
        Path target = dir.resolve(name);
        AtomicFiles.write(target, tmp -> {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                CRC32C crc = new CRC32C();
                Counting counted = new Counting(new CheckedOutputStream(raw, crc));
                DataOutputStream out = new DataOutputStream(counted);
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(Json.toJson(position));
                network.saveParameters(out);
                byte[] state;
                try (NDManager scratch = NDManager.newBaseManager()) {
                    state = optimizer.saveState(scratch).encode();
                }
                out.writeInt(state.length);
                out.write(state);
                out.writeUTF(method.kind().id());
                ByteArrayOutputStream methodState = new ByteArrayOutputStream();
                method.save(new DataOutputStream(methodState));
                out.writeInt(methodState.size());
                methodState.writeTo(out);
                out.flush();
                DataOutputStream trailer = new DataOutputStream(raw);
                trailer.writeLong(counted.count);
                trailer.writeLong(crc.getValue());
                trailer.flush();
            }
        });
        AtomicFiles.writeString(dir.resolve("latest"), name + "\n");
        deleteAllButNewest();
        return target;
    }

    /** Counts the bytes that pass, for the trailer's length. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Names sort as (epoch, step), both zero-padded; files of other names are not this store's to delete. */
    private void deleteAllButNewest() throws IOException {
        List<Path> ours = newestFirst();
        for (Path old : ours.subList(Math.min(KEPT, ours.size()), ours.size())) {
            Files.deleteIfExists(old);
        }
    }

    /** The whole epochs done when {@code checkpoint} was written, read from its name (0 for one written in the first epoch). */
    public static int epochsDone(Path checkpoint) {
        return Integer.parseInt(nameParts(checkpoint).group(1));
    }

    /** The global step at which {@code checkpoint} was written, read from its name. */
    public static long stepsDone(Path checkpoint) {
        return Long.parseLong(nameParts(checkpoint).group(2));
    }

    private static java.util.regex.Matcher nameParts(Path checkpoint) {
        java.util.regex.Matcher m = NAME.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not named as a checkpoint (epoch-NNNN-step-NNNNNNN.ckpt)");
        }
        return m;
    }

    /** This store's checkpoint files, newest first. */
    public List<Path> newestFirst() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The newest checkpoint that verifies, without loading it, and the newer ones passed over.
     *
     * @throws NoCheckpointException when none verifies
     */
    public Found newestUsable() {
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : newestFirst()) {
            Optional<String> problem = problem(file);
            if (problem.isEmpty()) {
                return new Found(file, List.copyOf(skipped));
            }
            skipped.add(new Skipped(file, problem.get()));
        }
        throw new NoCheckpointException(dir, skipped);
    }

    /**
     * What is wrong with a checkpoint file, if anything: empty, truncated, damaged, or not a
     * checkpoint. A format-1 file (no trailer) passes when its header reads.
     */
    public static Optional<String> problem(Path file) {
        String name = file.getFileName().toString();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return Optional.of(name + " cannot be read (" + e.getMessage() + ")");
        }
        if (size == 0) {
            return Optional.of(name + " is empty (0 bytes; its write was interrupted)");
        }
        int format;
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            format = header(file, in).format();
        } catch (IOException e) {
            return Optional.of(e.getMessage().replace(file.toString(), name));
        }
        if (format == 1) {
            return Optional.empty();
        }
        if (size < TRAILER_BYTES) {
            return Optional.of(name + " is truncated (" + size + " bytes)");
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(size - TRAILER_BYTES);
            long length = in.readLong();
            long expected = in.readLong();
            if (length != size - TRAILER_BYTES) {
                return Optional.of(String.format("%s is truncated (%,d bytes, but it was written with %,d)", name, size,
                        length > 0 && length < Long.MAX_VALUE - TRAILER_BYTES ? length + TRAILER_BYTES : -1));
            }
            in.seek(0);
            CRC32C crc = new CRC32C();
            byte[] buffer = new byte[1 << 20];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return Optional.of(name + " is truncated");
                }
                crc.update(buffer, 0, n);
                left -= n;
            }
            if (crc.getValue() != expected) {
                return Optional.of(name + " is damaged (its checksum does not match its content)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(name + " cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * Loads the newest checkpoint that verifies into {@code network}, {@code optimizer} and
     * {@code method}, passing over damaged ones and saying which.
     *
     * @throws NoCheckpointException when none can be used
     * @throws IllegalArgumentException when a checkpoint belongs to another network than the config's
     */
    public Loaded loadNewest(SimClrNetwork network, ParameterOptimizer optimizer, TrainingMethod method, NDManager manager) throws IOException {
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : newestFirst()) {
            Optional<String> problem = problem(file);
            if (problem.isPresent()) {
                skipped.add(new Skipped(file, problem.get()));
                continue;
            }
            try {
                return new Loaded(file, load(file, network, optimizer, method, manager), List.copyOf(skipped));
            } catch (EOFException | MalformedModelException e) {
                skipped.add(new Skipped(file, file.getFileName() + " is truncated (" + e.getMessage() + ")"));
            }
        }
        throw new NoCheckpointException(dir, skipped);
    }

    /** Reads only the position of a checkpoint. */
    public static Checkpoint readPosition(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            return header(file, in).position();
        }
    }

    /**
     * Loads one checkpoint into {@code network}, and into {@code optimizer} and {@code method} when
     * given (evaluation wants the network alone); returns its position. A truncated format-1 file
     * ends in {@link EOFException} or {@link MalformedModelException}.
     */
    public static Checkpoint load(Path file, SimClrNetwork network, ParameterOptimizer optimizer, TrainingMethod method, NDManager manager)
            throws IOException, MalformedModelException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            Header header = header(file, in);
            Checkpoint position = header.position();
            if (!position.encoder().equals(network.config().encoder().id())) {
                throw new IllegalArgumentException(file + " holds a " + position.encoder() + " encoder but the run's config asks for "
                        + network.config().encoder().id() + "; the checkpoint does not belong to this config");
            }
            try {
                network.loadParameters(manager, in);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new IllegalArgumentException(file + ": its parameters do not fit the network of the run's config (" + e.getMessage() + ")", e);
            }
            int length = in.readInt();
            byte[] state = in.readNBytes(length);
            if (state.length != length) {
                throw new EOFException("the optimizer state ends early");
            }
            if (optimizer != null) {
                try (NDManager scratch = manager.newSubManager()) {
                    optimizer.loadState(NDList.decode(scratch, state), position.optimizerSteps());
                }
            }
            if (method != null) {
                loadMethod(file, header.format(), in, method, manager);
            }
            return position;
        }
    }

    /** The method's state; checkpoints before format 3 were all SimCLR's, which has none. */
    private static void loadMethod(Path file, int format, DataInputStream in, TrainingMethod method, NDManager manager) throws IOException {
        String written = format < 3 ? MethodKind.SIMCLR.id() : in.readUTF();
        if (!written.equals(method.kind().id())) {
            throw new IllegalArgumentException(file + " holds a " + written + " run but the run's config asks for " + method.kind().id()
                    + "; the checkpoint does not belong to this config");
        }
        if (format < 3) {
            return;
        }
        int length = in.readInt();
        byte[] state = in.readNBytes(length);
        if (state.length != length) {
            throw new EOFException("the method's state ends early");
        }
        method.load(new DataInputStream(new ByteArrayInputStream(state)), manager);
    }

    private record Header(int format, Checkpoint position) {}

    private static Header header(Path file, DataInputStream in) throws IOException {
        String magic;
        try {
            magic = in.readUTF();
        } catch (IOException e) {
            throw new IOException(file + " is not a SimCLR Workbench checkpoint (" + e.getMessage() + ")", e);
        }
        if (!MAGIC.equals(magic)) {
            throw new IOException(file + " is not a SimCLR Workbench checkpoint");
        }
        int format = in.readInt();
        if (format < 1 || format > FORMAT) {
            throw new IOException(file + " has checkpoint format " + format + ", which this version (" + FORMAT + ") cannot read;"
                    + " open it with the version that wrote it");
        }
        Checkpoint position;
        try {
            position = Json.GSON.fromJson(in.readUTF(), Checkpoint.class);
        } catch (RuntimeException e) {
            throw new IOException(file + " has a damaged header (" + e.getMessage() + ")", e);
        }
        if (position == null || position.encoder() == null) {
            throw new IOException(file + " has a damaged header");
        }
        return new Header(format, position);
    }
}
