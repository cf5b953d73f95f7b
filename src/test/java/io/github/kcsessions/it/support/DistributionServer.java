package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real Keycloak distribution that Maven unpacked into {@code target/}, with the built provider in
 * {@code providers/}, run on loopback as the single node ({@code start-dev} on a fresh H2 database) or as a node of the
 * {@link Cluster}: its own copy built for PostgreSQL and Infinispan, {@code start --optimized}, its own JGroups port,
 * and the same {@code --hostname} on every node, so that a token issued by one is valid at the other.
 */
public final class DistributionServer extends ServerProcess implements KeycloakServer {

    /** Far above a normal start, so that only a hung server times out. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;
    private final int httpPort;
    private final int managementPort = FreePort.next();
    private final List<String> command = new ArrayList<>();
    private int logLinesBeforeStart;

    private DistributionServer(String name, Path home, Path log, int httpPort, List<String> mode,
                               List<String> options) {
        super(name, log);
        this.home = home;
        this.httpPort = httpPort;
        command.add(home.resolve("bin/kc.sh").toString());
        command.addAll(mode);
        command.addAll(List.of(
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                // Lets tests act as clients behind a proxy on loopback (X-Forwarded-For), as a real deployment would.
                "--proxy-headers=xforwarded",
                "--proxy-trusted-addresses=127.0.0.1",
                "--spi-events-listener-device-capture-geoip-database=" + TestResources.geoIpDatabase()));
        command.addAll(options);
    }

    /**
     * Starts the single node on a fresh database, with the features of {@code keycloak.features.options} (Shared
     * Signals and metrics for the main suite; none for the older version, which so shows that nothing changes without
     * them) and {@code extraOptions}, e.g. a benchmark's other configuration.
     */
    static DistributionServer startSingleNode(Path home, Path log, List<String> extraOptions) {
        requireDistribution(home);
        TestResources.deleteRecursively(home.resolve("data"));
        log.toFile().delete();
        List<String> options = new ArrayList<>(List.of("--health-enabled=true"));
        String features = System.getProperty("keycloak.features.options", "").strip();
        options.addAll(features.isEmpty() ? List.of() : List.of(features.split("\\s+")));
        options.addAll(extraOptions);
        DistributionServer server = new DistributionServer("Keycloak", home, log, FreePort.next(),
                List.of("start-dev"), options);
        server.start();
        return server;
    }

    /** A node of the cluster, not started yet, on its copy of the distribution built for the cluster. */
    static DistributionServer clusterNode(String name, Path home, Path log, PostgresServer database, String hostname,
                                          int httpPort) {
        return new DistributionServer("Keycloak node " + name, home, log, httpPort, List.of("start", "--optimized"),
                List.of("--db-url=" + database.jdbcUrl(),
                        "--db-username=" + PostgresServer.USER,
                        "--db-password=" + PostgresServer.PASSWORD,
                        "--hostname=" + hostname,
                        "--http-enabled=true",
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + FreePort.next()));
    }

    void start() {
        logLinesBeforeStart = logLines().size();
        start(command, Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "JAVA_OPTS_KC_HEAP", System.getenv().getOrDefault("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g")),
                home, STARTUP_TIMEOUT, this::ready);
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
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    @Override
    public Optional<Path> logFile() {
        return Optional.of(log);
    }

    /** A clean stop and start, on the same data. */
    @Override
    public void restart() {
        close();
        start();
    }

    /** Waits until this node's log, since its latest start, shows a cluster view with that many members. */
    void awaitClusterOf(int members) {
        Duration timeout = Duration.ofMinutes(2);
        Instant deadline = Instant.now().plus(timeout);
        while (logLines().stream().skip(logLinesBeforeStart)
                .noneMatch(line -> line.contains("ISPN000094") && line.contains("(" + members + ")"))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " saw no cluster of " + members + " within " + timeout
                        + "; see " + log);
            }
            Clock.sleep(500);
        }
    }

    private boolean ready() {
        try {
            return Http.get(managementUrl() + "/health/ready").status() == 200;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    private List<String> logLines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
