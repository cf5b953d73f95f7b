package io.github.kcsessions.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The packages are floors (docs/design.md): a package may use packages on lower floors only, so there can be no
 * cycle. The REST resources stand on the services (caller authentication, session queries and views, revocation,
 * capture, the new-device alert), the services on the device table and the model (device, geo); the API's protocol
 * (error schema, JSON, parameters) and the metrics are leaves every floor may use.
 */
class PackageFloorsTest {

    private static final String ROOT = "io.github.kcsessions";

    private static final Map<String, Integer> FLOORS = Map.ofEntries(
            Map.entry("protocol", 0), Map.entry("metrics", 0),
            Map.entry("geo", 1),
            Map.entry("device", 2),
            Map.entry("storage", 3),
            Map.entry("sessions", 4),
            Map.entry("auth", 5),
            Map.entry("revocation", 6), Map.entry("capture", 6),
            Map.entry("alert", 7),
            Map.entry("rest", 8));

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.kcsessions\\.([a-z]+)\\.");

    @Test
    void everyPackageUsesOnlyLowerFloors() throws IOException {
        List<String> violations = new ArrayList<>();
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = sources.relativize(file).getName(0).toString();
                Integer floor = FLOORS.get(pkg);
                assertNotNull(floor, "package " + pkg + " has no floor in this test");
                Matcher used = REFERENCE.matcher(Files.readString(file));
                while (used.find()) {
                    String other = used.group(1);
                    if (!other.equals(pkg) && !other.equals("shaded") && FLOORS.getOrDefault(other, 99) >= floor) {
                        violations.add(pkg + " (" + file.getFileName() + ") uses " + other);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void everyFloorIsInUse() throws IOException {
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java", ROOT.split("\\.")))) {
            dirs.filter(Files::isDirectory).forEach(dir -> packages.add(dir.getFileName().toString()));
        }
        assertEquals(new TreeSet<>(FLOORS.keySet()), packages);
    }
}
