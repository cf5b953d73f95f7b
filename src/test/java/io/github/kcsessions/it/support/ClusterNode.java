package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One Keycloak node of the test cluster: its own copy of the distribution, built for PostgreSQL and Infinispan
 * clustering, started in production mode ({@code start --optimized}) on loopback with its own HTTP, management and
 * JGroups ports. Every node has the same {@code --hostname}, so that a token issued by one is valid at the other.
 */
public final class ClusterNode implements KeycloakServer {

    private final String name;
    private final Path home;
    private final Path log;
    private final PostgresServer database;
    private final String hostname;
    private final int httpPort;
    private final int managementPort;
    private final int jgroupsPort;
    private final ServerProcess process;
    private int logLinesBeforeStart;

    ClusterNode(String name, Path home, Path log, PostgresServer database, String hostname, int httpPort) {
        this.name = name;
        this.home = home;
        this.log = log;
        this.database = database;
        this.hostname = hostname;
        this.httpPort = httpPort;
        this.managementPort = ServerProcess.freePort();
        this.jgroupsPort = ServerProcess.freePort();
        this.process = new ServerProcess("Keycloak node " + name, log);
    }

    void start() {
        List<String> command = new ArrayList<>(List.of(
                home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--db-url=" + database.jdbcUrl(),
                "--db-username=" + PostgresServer.USER,
                "--db-password=" + PostgresServer.PASSWORD,
                "--hostname=" + hostname,
                "--http-enabled=true",
                "--http-host=127.0.0.1",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + jgroupsPort));
        command.addAll(DistributionServer.commonOptions());
        logLinesBeforeStart = logLines().size();
        process.start(command, DistributionServer.environment(), home);
        process.awaitReady(DistributionServer.STARTUP_TIMEOUT, () -> Health.ready(managementPort));
    }

    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** A clean stop and start of this node, on the same database. */
    @Override
    public void restart() {
        process.stop();
        start();
    }

    /** A crash: SIGKILL, so that the node leaves the cluster without a word. */
    public void kill() {
        process.kill();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Waits until this node's log, since its latest start, shows a cluster view with that many members. */
    public void awaitClusterOf(int members) {
        awaitClusterOf(members, Duration.ofMinutes(2));
    }

    void awaitClusterOf(int members, Duration timeout) {
        String view = "(" + members + ")";
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<String> lines = logLines();
            for (String line : lines.subList(Math.min(logLinesBeforeStart, lines.size()), lines.size())) {
                if (line.contains("ISPN000094") && line.contains(view)) {
                    return;
                }
            }
            ServerProcess.sleep(500);
        }
        throw new IllegalStateException("Node " + name + " saw no cluster of " + members + " within " + timeout
                + "; see " + log);
    }

    private List<String> logLines() {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.stop();
    }
}
