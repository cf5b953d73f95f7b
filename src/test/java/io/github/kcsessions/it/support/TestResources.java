package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Paths of files the integration tests hand to the server, and of what the run writes. */
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

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
