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

    private final PostgresServer database;
    private final DistributionServer a;
    private final DistributionServer b;

    private Cluster(PostgresServer database, DistributionServer a, DistributionServer b) {
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
        TestResources.deleteRecursively(workDirectory.resolve("node-a"));
        TestResources.deleteRecursively(workDirectory.resolve("node-b"));
        return copyWithoutData(distribution, workDirectory.resolve("node-a"), logOf(workDirectory, "build.log"));
    }

    /** Builds node A's copy for PostgreSQL and clustering, copies it for node B, and starts the database and both. */
    static Cluster startFrom(Path homeA, Path workDirectory) {
        Path buildLog = workDirectory.resolve("build.log");
        ServerProcess.run(buildLog, Duration.ofMinutes(5), List.of(homeA.resolve("bin/kc.sh").toString(), "build",
                "--db=postgres", "--cache=ispn", "--health-enabled=true"), Map.of());
        Path homeB = copyWithoutData(homeA, workDirectory.resolve("node-b"), buildLog);

        PostgresServer database = new PostgresServer(workDirectory);
        database.start();
        int portA = FreePort.next();
        String hostname = "http://127.0.0.1:" + portA;
        Cluster cluster = new Cluster(database,
                DistributionServer.clusterNode("A", homeA, logOf(workDirectory, "node-a.log"), database, hostname,
                        portA),
                DistributionServer.clusterNode("B", homeB, logOf(workDirectory, "node-b.log"), database, hostname,
                        FreePort.next()));
        try {
            cluster.a.start();
            cluster.rejoin(cluster.b);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public DistributionServer a() {
        return a;
    }

    public DistributionServer b() {
        return b;
    }

    /** Starts a node that was stopped or killed, and waits until the two nodes form one cluster again. */
    public void rejoin(DistributionServer node) {
        node.start();
        node.awaitClusterOf(2);
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
        TestResources.deleteRecursively(to.resolve("data"));
        return to;
    }
}
