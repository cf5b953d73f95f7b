package io.github.kcsessions.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts the servers the run needs, once each, when the first test class needs them (JUnit closes them when the run
 * ends), and points the test helpers at the server of the class that runs now:
 * <ul>
 *   <li>{@link KeycloakTest.Topology#SINGLE_NODE}: {@code -Dkeycloak.server=distribution} (the default) runs the
 *       distribution unpacked by Maven; {@code -Dkeycloak.server=running} uses one started by hand;</li>
 *   <li>{@link KeycloakTest.Topology#CLUSTER}: PostgreSQL and two Keycloak nodes ({@link Cluster}), started when a
 *       run that has cluster tests begins, in the background, so that the cluster's build and start overlap the
 *       single-node tests instead of following them (the suite's time on two cores); the copy of the distribution it
 *       builds from is taken first, before any single node rewrites the distribution. As a listener of the whole run
 *       this class is registered in {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener};
 *       {@code -Dkeycloak.cluster.early=false} starts the cluster only when the first cluster test needs it.</li>
 * </ul>
 */
public final class KeycloakExtension implements BeforeAllCallback, TestExecutionListener {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);
    private static volatile KeycloakServer current;
    private static volatile Cluster cluster;
    private static volatile CompletableFuture<Cluster> earlyCluster;
    private static volatile boolean earlyClusterTaken;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!Boolean.parseBoolean(System.getProperty("keycloak.cluster.early", "true"))
                || !"distribution".equals(System.getProperty("keycloak.server", "distribution"))
                || plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                        .noneMatch(test -> test.getSource().orElse(null) instanceof ClassSource source
                                && isCluster(source.getJavaClass()))) {
            return;
        }
        Path homeA = Cluster.copyOfDistribution(distributionDirectory(), clusterDirectory());
        earlyCluster = CompletableFuture.supplyAsync(() -> Cluster.startFrom(homeA, clusterDirectory()));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        CompletableFuture<Cluster> early = earlyCluster;
        if (early != null && !earlyClusterTaken) {
            // Started, but no cluster test took it (they were all filtered out or failed before): stop it.
            early.thenAccept(Cluster::close).exceptionally(failure -> null).join();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // What the root store holds, JUnit closes at the end of the run.
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        if (isCluster(context.getRequiredTestClass())) {
            cluster = store.getOrComputeIfAbsent("cluster", key -> takeCluster(), Cluster.class);
            current = cluster.a();
        } else {
            current = store.getOrComputeIfAbsent("single", key -> startSingleNode(), KeycloakServer.class);
        }
    }

    /** For benchmarks, which run outside JUnit: starts a single node; the caller closes it. */
    public static KeycloakServer startStandalone() {
        current = startSingleNode();
        return current;
    }

    /** For benchmarks: the distribution as one node with more options, e.g. another configuration to compare. */
    public static KeycloakServer startStandalone(List<String> extraOptions) {
        current = startDistribution(extraOptions);
        return current;
    }

    /** For benchmarks: a two-node cluster on PostgreSQL, outside JUnit; its node A becomes the current server. */
    public static Cluster startStandaloneCluster() {
        cluster = Cluster.start(distributionDirectory(), clusterDirectory());
        current = cluster.a();
        return cluster;
    }

    /** The server of the test class that runs now. */
    public static KeycloakServer server() {
        if (current == null) {
            throw new IllegalStateException("Keycloak is not started: annotate the test class with @KeycloakTest");
        }
        return current;
    }

    /** The cluster, for a class annotated {@code @KeycloakTest(CLUSTER)}. */
    public static Cluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("No cluster: annotate the test class with @KeycloakTest(CLUSTER)");
        }
        return cluster;
    }

    private static String version() {
        return System.getProperty("keycloak.version", "26.7.4");
    }

    private static Path distributionDirectory() {
        return Path.of(System.getProperty("keycloak.dist.dir",
                TestResources.buildDirectory().resolve("keycloak-" + version()).toString()));
    }

    private static Path clusterDirectory() {
        return TestResources.buildDirectory().resolve("cluster");
    }

    private static boolean isCluster(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, KeycloakTest.class)
                .filter(test -> test.value() == KeycloakTest.Topology.CLUSTER).isPresent();
    }

    /** The cluster started early, once it is up; or one started now when none was. */
    private static Cluster takeCluster() {
        CompletableFuture<Cluster> early = earlyCluster;
        if (early == null) {
            return Cluster.start(distributionDirectory(), clusterDirectory());
        }
        earlyClusterTaken = true;
        try {
            return early.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private static KeycloakServer startSingleNode() {
        String kind = System.getProperty("keycloak.server", "distribution");
        if (kind.equals("running")) {
            return new RunningServer(System.getProperty("keycloak.url", "http://127.0.0.1:8080"));
        }
        if (kind.equals("distribution")) {
            return startDistribution(List.of());
        }
        throw new IllegalArgumentException("keycloak.server must be 'distribution' or 'running', not " + kind);
    }

    private static KeycloakServer startDistribution(List<String> extraOptions) {
        return DistributionServer.startSingleNode(distributionDirectory(),
                TestResources.buildDirectory().resolve("keycloak-server-" + version() + ".log"), extraOptions);
    }

    /**
     * For a developer re-running one test class: a server started by hand with this provider and the test options of
     * {@link DistributionServer}, admin {@value KeycloakServer#ADMIN_USER}/{@value KeycloakServer#ADMIN_PASSWORD}.
     */
    private record RunningServer(String baseUrl) implements KeycloakServer {

        @Override
        public String managementUrl() {
            String management = System.getProperty("keycloak.management.url");
            return management != null ? management : KeycloakServer.super.managementUrl();
        }

        @Override
        public void restart() {
            throw new UnsupportedOperationException("A server started by hand is not restarted by the tests");
        }

        @Override
        public void close() {
        }
    }
}
