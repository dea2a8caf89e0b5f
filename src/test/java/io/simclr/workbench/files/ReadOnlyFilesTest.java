package io.simclr.workbench.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.simclr.workbench.train.MetricsCsv;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file its user made read-only is refused, not replaced by a rename, even for root (to whom every file is writable). */
class ReadOnlyFilesTest {

    @TempDir
    Path dir;

    @Test
    void aReadOnlyFileIsRefusedAndKeepsItsContentAndMode() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"mine\": true}");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("r--r--r--"));
        var e = assertThrows(java.io.IOException.class, () -> AtomicFiles.writeString(config, "{}"));
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("read-only"), e.getMessage());
        assertEquals("{\"mine\": true}", Files.readString(config));
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));

        Path metrics = dir.resolve("metrics.csv");
        Files.writeString(metrics, String.join(",", MetricsCsv.COLUMNS) + "\n");
        Files.setPosixFilePermissions(metrics, PosixFilePermissions.fromString("r--r-----"));
        var m = assertThrows(java.io.IOException.class, () -> MetricsCsv.open(metrics, 0).close());
        assertTrue(m.getMessage().contains("metrics.csv is read-only"), m.getMessage());
        assertEquals("r--r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(metrics)));
    }

    @Test
    void aWritableFileIsReplacedKeepingItsMode() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path config = dir.resolve("config.json");
        Files.writeString(config, "old");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        AtomicFiles.writeString(config, "new");
        assertEquals("new", Files.readString(config));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    }
}
