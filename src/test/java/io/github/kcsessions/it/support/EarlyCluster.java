package io.github.kcsessions.it.support;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Starts the cluster when a run that has cluster tests begins, in the background, so that its build and start
 * overlap the single-node tests instead of following them (the suite's time on two cores). The copy of the
 * distribution it builds from is taken first, before any single node rewrites the distribution. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}; {@code -Dkeycloak.cluster.early=false}
 * starts the cluster only when the first cluster test needs it.
 */
public final class EarlyCluster implements TestExecutionListener {

    private static volatile CompletableFuture<Cluster> starting;
    private static volatile boolean taken;

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        if (!Boolean.parseBoolean(System.getProperty("keycloak.cluster.early", "true")) || !needsCluster(plan)
                || !"distribution".equals(System.getProperty("keycloak.server", "distribution"))) {
            return;
        }
        Path work = KeycloakExtension.clusterDirectory();
        Path homeA = Cluster.copyOfDistribution(KeycloakExtension.distributionDirectory(), work);
        starting = CompletableFuture.supplyAsync(() -> Cluster.startFrom(homeA, work));
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        CompletableFuture<Cluster> early = starting;
        if (early != null && !taken) {
            // Started, but no cluster test took it (they were all filtered out or failed before): stop it.
            early.thenAccept(Cluster::close).exceptionally(failure -> null).join();
        }
    }

    /** The cluster started early, once it is up; or one started now when none was. */
    static Cluster take(Supplier<Cluster> otherwise) {
        CompletableFuture<Cluster> early = starting;
        if (early == null) {
            return otherwise.get();
        }
        taken = true;
        try {
            return early.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean needsCluster(TestPlan plan) {
        return plan.getRoots().stream().flatMap(root -> plan.getDescendants(root).stream())
                .anyMatch(test -> test.getSource().orElse(null) instanceof ClassSource source && isCluster(source));
    }

    private static boolean isCluster(ClassSource source) {
        try {
            KeycloakTest test = source.getJavaClass().getAnnotation(KeycloakTest.class);
            return test != null && test.value() == KeycloakTest.Topology.CLUSTER;
        } catch (RuntimeException unloadable) {
            return false;
        }
    }
}
