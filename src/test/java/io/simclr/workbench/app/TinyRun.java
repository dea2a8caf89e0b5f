package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.simclr.workbench.cli.WorkbenchCommand;
import java.nio.file.Path;

/** A one-epoch run on a few built-in shapes, for screens that need a finished run. */
final class TinyRun {

    private TinyRun() {}

    static Path train(Path out, int images) {
        assertEquals(0, WorkbenchCommand.execute("train", "--data", "shapes", "--shapes-count", String.valueOf(images), "--batch", "20",
                "--epochs", "1", "--threads", "1", "--augment-threads", "1", "--out", out.toString(), "--no-eval"));
        return out;
    }
}
