package io.github.kcsessions.it.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real two-node Keycloak cluster on a real PostgreSQL, for the test run: one build of the distribution for
 * PostgreSQL and embedded Infinispan ({@code --db=postgres --cache=ispn}, the default JDBC_PING discovery), copied to
 * each node, nodes started one after the other (the first creates the schema). Logs go to {@code target/cluster/}.
 */
public final class Cluster implements AutoCloseable {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration VIEW_TIMEOUT = Duration.ofMinutes(2);

    private final PostgresServer database;
    private final ClusterNode a;
    private final ClusterNode b;

    private Cluster(PostgresServer database, ClusterNode a, ClusterNode b) {
        this.database = database;
        this.a = a;
        this.b = b;
    }

    static Cluster start(Path distribution, Path workDirectory) {
        return startFrom(copyOfDistribution(distribution, workDirectory), workDirectory);
    }

    /**
     * Node A's copy of the distribution, without its data: taken before anything else of the run starts Keycloak in
     * the distribution (a single node's start rewrites its files).
     */
    static Path copyOfDistribution(Path distribution, Path workDirectory) {
        DistributionServer.requireDistribution(distribution);
        DistributionServer.deleteRecursively(workDirectory.resolve("node-a"));
        DistributionServer.deleteRecursively(workDirectory.resolve("node-b"));
        Path buildLog = workDirectory.resolve("build.log");
        buildLog.toFile().delete();
        return copyWithoutData(distribution, workDirectory.resolve("node-a"), buildLog);
    }

    /** Builds node A's copy for PostgreSQL and clustering, copies it for node B, and starts the database and both. */
    static Cluster startFrom(Path homeA, Path workDirectory) {
        Path buildLog = workDirectory.resolve("build.log");
        ServerProcess.run(buildLog, BUILD_TIMEOUT, List.of(homeA.resolve("bin/kc.sh").toString(), "build",
                "--db=postgres", "--cache=ispn", "--health-enabled=true"), Map.of());
        Path homeB = copyWithoutData(homeA, workDirectory.resolve("node-b"), buildLog);

        PostgresServer database = new PostgresServer(workDirectory);
        database.start();
        int portA = ServerProcess.freePort();
        int portB = ServerProcess.freePort();
        String hostname = "http://127.0.0.1:" + portA;
        ClusterNode a = new ClusterNode("A", homeA, logOf(workDirectory, "node-a.log"), database, hostname, portA);
        ClusterNode b = new ClusterNode("B", homeB, logOf(workDirectory, "node-b.log"), database, hostname, portB);
        Cluster cluster = new Cluster(database, a, b);
        try {
            a.start();
            b.start();
            b.awaitClusterOf(2, VIEW_TIMEOUT);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public ClusterNode a() {
        return a;
    }

    public ClusterNode b() {
        return b;
    }

    /** Starts a node that was stopped or killed, and waits until the two nodes form one cluster again. */
    public void rejoin(ClusterNode node) {
        node.start();
        node.awaitClusterOf(2, VIEW_TIMEOUT);
    }

    /** The JDBC URL of the cluster's database (user and password {@code keycloak}), for benchmarks and diagnosis. */
    public String databaseUrl() {
        return database.jdbcUrl();
    }

    PostgresServer database() {
        return database;
    }

    /** Runs SQL on the cluster's database (psql) and returns what it printed: for checks of the stored state. */
    public String sql(String statement) {
        return database.sql(statement);
    }

    @Override
    public void close() {
        b.close();
        a.close();
        database.close();
    }

    private static Path logOf(Path workDirectory, String name) {
        Path log = workDirectory.resolve(name);
        log.toFile().delete();
        return log;
    }

    private static Path copyWithoutData(Path from, Path to, Path log) {
        ServerProcess.run(log, Duration.ofMinutes(2), List.of("cp", "-a", from.toString(), to.toString()), Map.of());
        DistributionServer.deleteRecursively(to.resolve("data"));
        return to;
    }
}
