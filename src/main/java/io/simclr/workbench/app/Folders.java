package io.simclr.workbench.app;

import java.io.File;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.stage.DirectoryChooser;

/** The last dataset folder a user chose, remembered between launches, where folder choosers open next time. */
public final class Folders {

    private static final Preferences PREFS = Preferences.userNodeForPackage(Folders.class);
    private static final String KEY = "lastDatasetFolder";

    private Folders() {}

    public static void remember(Path folder) {
        PREFS.put(KEY, folder.toAbsolutePath().toString());
    }

    public static Path last() {
        String value = PREFS.get(KEY, null);
        return value == null ? null : Path.of(value);
    }

    /** Opens the chooser at the remembered folder's parent, when it still exists. */
    public static void startIn(DirectoryChooser chooser) {
        Path last = last();
        if (last != null && last.getParent() != null) {
            File parent = last.getParent().toFile();
            if (parent.isDirectory()) {
                chooser.setInitialDirectory(parent);
            }
        }
    }
}
