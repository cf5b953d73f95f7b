package io.github.kcsessions.it.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * Starts one Keycloak for the whole test run (the first test class that needs it starts it; JUnit closes it when the
 * run ends). {@code -Dkeycloak.server=distribution} (the default) runs the distribution unpacked by Maven;
 * {@code -Dkeycloak.server=testcontainers} runs the official image through testcontainers-keycloak (needs Docker).
 */
public final class KeycloakExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);
    private static volatile KeycloakServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("server", key -> new StoredServer(start()),
                StoredServer.class);
    }

    /** For benchmarks, which run outside JUnit: starts the server; the caller closes it. */
    public static KeycloakServer startStandalone() {
        return start();
    }

    public static KeycloakServer server() {
        if (server == null) {
            throw new IllegalStateException("Keycloak is not started: annotate the test class with @KeycloakTest");
        }
        return server;
    }

    private static KeycloakServer start() {
        Path build = TestResources.buildDirectory();
        String version = System.getProperty("keycloak.version", "26.7.4");
        Path home = Path.of(System.getProperty("keycloak.dist.dir", build.resolve("keycloak-" + version).toString()));
        String kind = System.getProperty("keycloak.server", "distribution");
        KeycloakServer started;
        if (kind.equals("testcontainers")) {
            ContainerServer container = new ContainerServer(version, home.resolve("providers"));
            container.start();
            started = container;
        } else if (kind.equals("distribution")) {
            DistributionServer distribution = new DistributionServer(home, build.resolve("keycloak-server-" + version + ".log"));
            distribution.start(true);
            started = distribution;
        } else {
            throw new IllegalArgumentException("keycloak.server must be 'distribution' or 'testcontainers', not " + kind);
        }
        server = started;
        return started;
    }

    /** Closed by JUnit when the root context closes, at the end of the run. */
    private record StoredServer(KeycloakServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }
}
