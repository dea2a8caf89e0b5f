package io.simclr.workbench.app;

import io.simclr.workbench.data.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The last dataset folder a user chose and what kind it is, remembered between launches: screens
 * offer it again directly, and folder choosers open beside it.
 */
public final class Folders {

    /** A dataset folder chosen before. */
    public record Remembered(DataSource source, Path folder) {}

    private static final String FOLDER = "lastDatasetFolder";
    private static final String SOURCE = "lastDatasetSource";

    private Folders() {}

    public static void remember(DataSource source, Path folder) {
        Preferences p = WorkbenchPrefs.node();
        p.put(FOLDER, folder.toAbsolutePath().toString());
        p.put(SOURCE, source.name());
        try {
            p.flush();
        } catch (java.util.prefs.BackingStoreException e) {
            // Not fatal: the choice is still remembered for this session.
        }
    }

    /** The remembered folder, if it is still a folder. */
    public static Optional<Remembered> last() {
        String folder = WorkbenchPrefs.node().get(FOLDER, null);
        String source = WorkbenchPrefs.node().get(SOURCE, DataSource.CIFAR10.name());
        if (folder == null || !Files.isDirectory(Path.of(folder))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Remembered(DataSource.valueOf(source), Path.of(folder)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Where a folder chooser opens: beside the remembered folder, when there is one; else null. */
    public static Path startFolder() {
        return last().map(r -> r.folder().getParent()).orElse(null);
    }
}
