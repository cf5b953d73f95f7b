package io.github.kcsessions.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of files the integration tests hand to the server. */
public final class TestResources {

    private TestResources() {
    }

    public static Path buildDirectory() {
        return Path.of(System.getProperty("project.build.directory", "target")).toAbsolutePath();
    }

    /** MaxMind's test City database (knows 81.2.69.142 as London, GB), kept in the test resources. */
    public static Path geoIpDatabase() {
        Path path = buildDirectory().resolve("test-classes/geoip/GeoIP2-City-Test.mmdb");
        if (!Files.exists(path)) {
            throw new IllegalStateException("Missing " + path);
        }
        return path;
    }
}
