package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.simclr.workbench.data.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered dataset folder lives in the preferences store, so a new launch (a fresh read of it) finds it. */
class FoldersTest {

    @TempDir
    Path dir;

    private String before;
    private final String node = "io/simclr/workbench/test-folders-" + ProcessHandle.current().pid();

    @BeforeEach
    void ownPreferences() {
        before = System.getProperty("simclr.workbench.prefs");
        System.setProperty("simclr.workbench.prefs", node);
    }

    @AfterEach
    void removePreferences() throws Exception {
        Preferences.userRoot().node(node).removeNode();
        if (before == null) {
            System.clearProperty("simclr.workbench.prefs");
        } else {
            System.setProperty("simclr.workbench.prefs", before);
        }
    }

    @Test
    void theLastFolderAndItsKindAreRememberedUntilTheFolderIsGone() throws Exception {
        assertTrue(Folders.last().isEmpty(), "nothing chosen yet");
        Path stl = Files.createDirectories(dir.resolve("stl10_binary"));
        Folders.remember(DataSource.STL10, stl);
        assertEquals(stl.toAbsolutePath().toString(), Preferences.userRoot().node(node).get("lastDatasetFolder", null), "in the store");
        assertEquals(new Folders.Remembered(DataSource.STL10, stl.toAbsolutePath()), Folders.last().orElseThrow());
        Files.delete(stl);
        assertTrue(Folders.last().isEmpty(), "a folder that was removed is not offered");
    }
}
