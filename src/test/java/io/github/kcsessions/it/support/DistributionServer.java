package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak distribution that Maven unpacked into {@code target/}, with the built provider in
 * {@code providers/}, run as one {@code start-dev} node on a fresh H2 database. Its output goes to
 * {@code target/keycloak-server-<version>.log}.
 */
final class DistributionServer implements KeycloakServer {

    /** Far above a normal start, so that only a hung server times out. */
    static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final ServerProcess process;
    private final int httpPort;
    private final int managementPort;
    private final Path log;
    private final List<String> extraOptions;

    DistributionServer(Path home, Path log) {
        this(home, log, List.of());
    }

    /** @param extraOptions options beyond the suite's own, e.g. for a benchmark of another configuration */
    DistributionServer(Path home, Path log, List<String> extraOptions) {
        this.home = home;
        this.log = log;
        this.extraOptions = List.copyOf(extraOptions);
        this.process = new ServerProcess("Keycloak", log);
        this.httpPort = ServerProcess.freePort();
        this.managementPort = ServerProcess.freePort();
    }

    void start(boolean wipeData) {
        requireDistribution(home);
        if (wipeData) {
            deleteRecursively(home.resolve("data"));
            log.toFile().delete();
        }
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--health-enabled=true"));
        command.addAll(commonOptions());
        command.addAll(featureOptions());
        command.addAll(extraOptions);
        process.start(command, environment(), home);
        process.awaitReady(STARTUP_TIMEOUT, () -> Health.ready(managementPort));
    }

    /** What every Keycloak of the test suite runs with, single node and cluster alike. */
    static List<String> commonOptions() {
        return List.of(
                // Lets tests act as clients behind a proxy on loopback (X-Forwarded-For), as a real deployment would.
                "--proxy-headers=xforwarded",
                "--proxy-trusted-addresses=127.0.0.1",
                "--spi-events-listener-device-capture-geoip-database=" + TestResources.geoIpDatabase());
    }

    /**
     * The features a run switches on for the single node, from {@code keycloak.features.options} (Shared Signals and
     * metrics for the main suite; none for the older version, which so shows that nothing changes without them).
     */
    static List<String> featureOptions() {
        String options = System.getProperty("keycloak.features.options", "").strip();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    /** Whether this run's single node has a feature on ({@code ssf}, {@code metrics}). */
    public static boolean has(String feature) {
        return featureOptions().stream().anyMatch(o -> o.contains(feature));
    }

    @Override
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    static Map<String, String> environment() {
        return Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", System.getenv().getOrDefault("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g"));
    }

    static void requireDistribution(Path home) {
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + home + ": run the tests with 'mvn verify'.");
        }
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public java.util.Optional<Path> logFile() {
        return java.util.Optional.of(log);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void restart() {
        process.stop();
        start(false);
    }

    @Override
    public void close() {
        process.stop();
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
