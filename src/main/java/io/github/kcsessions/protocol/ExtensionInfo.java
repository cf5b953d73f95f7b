package io.github.kcsessions.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the extension says about itself in the admin console's server info. */
public final class ExtensionInfo {

    /** The version of this build, as Maven wrote it into {@code extension.properties}. */
    public static final String VERSION = readVersion();

    private ExtensionInfo() {
    }

    private static String readVersion() {
        Properties properties = new Properties();
        try (InputStream in = ExtensionInfo.class.getResourceAsStream("extension.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version", "unknown");
    }
}
