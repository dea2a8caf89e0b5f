package io.simclr.workbench.train;

import java.nio.file.Path;

/** A second process for {@link RunLockTest}: takes a run's lock, says so, and holds it until killed. */
public final class RunLockHolder {
    private RunLockHolder() {}

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), "a test's child process")) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
