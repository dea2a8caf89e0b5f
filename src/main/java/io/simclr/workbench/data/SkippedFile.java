package io.simclr.workbench.data;

import java.nio.file.Path;

/** A file a loader left out, and why. */
public record SkippedFile(Path file, String reason) {
    @Override
    public String toString() {
        return reason.startsWith(file.toString()) ? reason : file + ": " + reason;
    }
}
