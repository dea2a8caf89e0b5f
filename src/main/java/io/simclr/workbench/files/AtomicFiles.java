package io.simclr.workbench.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes files completely or not at all: the content goes to a temporary file beside the target,
 * is flushed to disk, and is then renamed over it, so a crash never leaves a half-written config,
 * checkpoint or picture. A target that exists keeps its permissions; one the user made read-only is
 * refused rather than silently replaced.
 */
public final class AtomicFiles {

    /** Writes the content of a file, given the path to write it to. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    private static final String TMP_SUFFIX = ".tmp";
    /** What {@link #write} names its temporary files: a dot, the target's name, a random number, ".tmp". */
    private static final java.util.regex.Pattern ORPHAN = java.util.regex.Pattern.compile("\\..+-?\\d+\\.tmp");

    private AtomicFiles() {}

    /** @throws IOException naming {@code target} (a full disk, a read-only file or folder) */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (isReadOnly(absolute)) {
            throw new IOException(target + " is read-only; make it writable (chmod u+w) or work on a copy of the folder");
        }
        Path tmp;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), TMP_SUFFIX);
        } catch (IOException e) {
            throw new IOException(target + " could not be written (" + e.getMessage() + ")", e);
        }
        try {
            content.writeTo(tmp);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            keepPermissions(absolute, tmp);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException(target + " could not be written (" + e.getMessage() + ")", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * True when {@code file} exists and its user made it read-only: not writable to this process, or
     * (for root, to whom every file is writable) without its owner's write permission.
     */
    public static boolean isReadOnly(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        if (!Files.isWritable(file)) {
            return true;
        }
        return Files.getFileAttributeView(file, PosixFileAttributeView.class) != null
                && !Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }

    private static void keepPermissions(Path target, Path tmp) throws IOException {
        if (Files.exists(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    /**
     * Deletes the temporary files that interrupted writes left in {@code dir} (a kill between create
     * and rename); call it only while no other process writes there (under the run's lock).
     *
     * @return the names deleted
     */
    public static List<String> removeOrphans(Path dir) throws IOException {
        List<String> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (ORPHAN.matcher(name).matches() && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    removed.add(name);
                }
            }
        }
        return removed;
    }
}
