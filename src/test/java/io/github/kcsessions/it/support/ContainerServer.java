package io.github.kcsessions.it.support;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.testcontainers.utility.MountableFile;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The same server as {@link DistributionServer}, in the official Keycloak image through testcontainers-keycloak.
 * Only when selected with {@code -Dkeycloak.server=testcontainers} and a Docker engine is available.
 */
final class ContainerServer implements KeycloakServer {

    private static final String GEOIP_IN_CONTAINER = "/opt/keycloak/geoip/GeoIP2-City-Test.mmdb";

    private final KeycloakContainer container;
    private String baseUrl;

    @SuppressWarnings("resource")
    ContainerServer(String version, Path providersDirectory) {
        container = new KeycloakContainer("quay.io/keycloak/keycloak:" + version)
                .withAdminUsername(ADMIN_USER)
                .withAdminPassword(ADMIN_PASSWORD)
                .withProviderLibsFrom(providerJars(providersDirectory))
                .withCopyFileToContainer(MountableFile.forHostPath(TestResources.geoIpDatabase()), GEOIP_IN_CONTAINER)
                .withEnv("KC_PROXY_HEADERS", "xforwarded")
                .withEnv("KC_SPI_EVENTS_LISTENER_DEVICE_CAPTURE_GEOIP_DATABASE", GEOIP_IN_CONTAINER);
    }

    void start() {
        container.start();
        String url = container.getAuthServerUrl();
        baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String baseUrl() {
        return baseUrl;
    }

    /** A Docker restart keeps the container's H2 data; the host port may change, so it is read again. */
    @Override
    public void restart() {
        container.getDockerClient().restartContainerCmd(container.getContainerId()).exec();
        Ports.Binding binding = container.getDockerClient().inspectContainerCmd(container.getContainerId()).exec()
                .getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080))[0];
        baseUrl = "http://" + container.getHost() + ":" + binding.getHostPortSpec();
        long deadline = System.currentTimeMillis() + 300_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (Http.get(baseUrl + "/realms/master").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // still starting
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Keycloak container did not come back after a restart");
    }

    @Override
    public void close() {
        container.stop();
    }

    private static List<File> providerJars(Path providers) {
        try (Stream<Path> jars = Files.list(providers)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).map(Path::toFile).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list " + providers + ": run 'mvn verify'.", e);
        }
    }
}
