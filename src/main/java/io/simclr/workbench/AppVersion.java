package io.simclr.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time from the pom (one place for all of them). */
public final class AppVersion {
    private static final Properties PROPERTIES = load();

    private AppVersion() {}

    public static String app() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    public static String pytorchBuiltWith() {
        return PROPERTIES.getProperty("pytorch.version", "unknown");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = AppVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
