package io.simclr.workbench.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per run folder: an operating-system lock on {@code train.lock}, held while a process
 * trains in the folder and released by the OS on any exit, kill -9 included, so a lock never
 * outlives its process. The file names the holder, so a second trainer (command line, window,
 * sweep or study) can say who has the run.
 */
public final class RunLock implements AutoCloseable {

    public static final String FILE = "train.lock";

    /**
     * Locks this process holds, by file: POSIX drops every lock a process has on a file when it
     * closes any descriptor of it, so the same process must not even open a lock file it holds.
     */
    private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir}, creating the folder if needed.
     *
     * @param holder what is training, for the message another trainer gets ("train", "the window")
     * @throws RunInUseException naming the process that holds it
     */
    public static RunLock acquire(Path runDir, String holder) throws IOException {
        Files.createDirectories(runDir);
        Path file = runDir.resolve(FILE).toAbsolutePath().normalize();
        String who = String.format("pid %d, %s, since %s", ProcessHandle.current().pid(), holder,
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        String before = HELD.putIfAbsent(file, who);
        if (before != null) {
            throw new RunInUseException(runDir + " is already being trained in this process (" + before + "); stop that job first");
        }
        FileChannel channel = null;
        FileLock lock;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
        if (lock == null) {
            HELD.remove(file);
            channel.close();
            throw new RunInUseException(runDir + " is being trained by another process (" + describeHolder(file)
                    + "); wait for it to finish or stop it, then try again");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((who + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new RunLock(file, channel, lock);
    }

    private static String describeHolder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD.remove(file);
        }
    }
}
