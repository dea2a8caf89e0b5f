package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per run folder, whether the second trainer is in this process or another. */
class RunLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondTrainerInTheSameProcessIsRefusedUntilTheFirstLetsGo() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock first = RunLock.acquire(run, "the window's Train screen")) {
            var e = assertThrows(RunInUseException.class, () -> RunLock.acquire(run, "a sweep"));
            assertTrue(e.getMessage().contains("already being trained in this process") && e.getMessage().contains("the window's Train screen"),
                    e.getMessage());
        }
        RunLock.acquire(run, "a sweep").close();
    }

    @Test
    void anotherProcessHoldingTheRunIsNamedAndItsKillReleasesTheLock() throws Exception {
        Path run = dir.resolve("run");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                RunLockHolder.class.getName(), run.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            var e = assertThrows(RunInUseException.class, () -> RunLock.acquire(run, "train"));
            assertTrue(e.getMessage().contains("being trained by another process (pid " + child.pid() + ", a test's child process, since "),
                    e.getMessage());

            // A new run in the locked folder is refused before anything is written.
            try (TrainingService service = new TrainingService()) {
                var refused = assertThrows(RunInUseException.class, () -> service.start(TrainerTest.tiny(1), run, "train", List.of()));
                assertTrue(refused.getMessage().contains("pid " + child.pid()), refused.getMessage());
                assertFalse(Files.exists(run.resolve("config.json")));
            }

            // The command line says so in one line and exits 2 (wait and retry), not 1 with a stack trace.
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cl = io.simclr.workbench.cli.WorkbenchCommand.commandLine();
            cl.setErr(new java.io.PrintWriter(err, true));
            assertEquals(2, cl.execute("train", "--data", "shapes", "--shapes-count", "40", "--batch", "20", "--out", run.toString(), "--no-eval"));
            assertTrue(err.toString().startsWith("error: ") && err.toString().contains("pid " + child.pid())
                    && err.toString().strip().lines().count() == 1, err.toString());
        } finally {
            child.destroyForcibly(); // kill -9: the OS releases the lock with the process
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        RunLock.acquire(run, "train").close();
    }
}
