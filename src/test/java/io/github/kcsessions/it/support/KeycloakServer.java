package io.github.kcsessions.it.support;

/** A running Keycloak with this provider installed, shared by every test class of one run. */
public interface KeycloakServer extends AutoCloseable {

    String ADMIN_USER = "admin";
    String ADMIN_PASSWORD = "admin";

    /** e.g. {@code http://127.0.0.1:38080}, without a trailing slash. */
    String baseUrl();

    /** The server's process id (its JVM), for benchmarks that read its heap; -1 when not known. */
    default long pid() {
        return -1;
    }

    /** The server's log file, when this run started the server and knows it. */
    default java.util.Optional<java.nio.file.Path> logFile() {
        return java.util.Optional.empty();
    }

    /** The management interface ({@code /metrics}, {@code /health}), e.g. {@code http://127.0.0.1:39000}. */
    default String managementUrl() {
        throw new UnsupportedOperationException("This server's management interface is not known to the tests");
    }

    /** Stops and starts the same server on the same data: sessions must survive. */
    void restart();

    @Override
    void close();
}
