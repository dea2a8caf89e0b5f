package io.simclr.workbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the loaders, each failing with a message that names the path. */
final class DatasetFolders {
    private DatasetFolders() {}

    static void requireReadableFolder(Path folder, String what) {
        if (folder == null) {
            throw new DatasetException(what + " needs a folder: choose the folder that holds its files");
        }
        if (!Files.exists(folder)) {
            throw new DatasetException(folder + ": no such folder; check the " + what + " path");
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(folder + ": is a file, not a folder; choose the folder that holds the " + what + " files");
        }
        if (!Files.isReadable(folder)) {
            throw new DatasetException(folder + ": cannot be read (permission denied); check its permissions");
        }
    }

    static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
