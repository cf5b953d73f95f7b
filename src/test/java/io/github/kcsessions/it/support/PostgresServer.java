package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the run, from the machine's Debian PostgreSQL binaries, on a fresh data directory and a
 * free loopback port; its log goes to {@code target/}. PostgreSQL refuses to run as root, so when the tests run as
 * root (as in CI) it runs as the unprivileged {@code postgres} OS user, created if the machine lacks it; its data
 * directory is then a temporary directory that user owns, since it may not be allowed into the checkout (a home
 * directory of mode 700, say). Stopped by its PID.
 */
final class PostgresServer extends ServerProcess {

    static final String DATABASE = "keycloak";
    static final String USER = "keycloak";
    static final String PASSWORD = "keycloak";
    private static final String OS_USER = "postgres";

    private final Path bin = binaries();
    private final int port = FreePort.next();
    private Path workDirectory;

    PostgresServer(Path logDirectory) {
        super("PostgreSQL", logDirectory.resolve("postgres.log"));
    }

    void start() {
        Path passwordFile;
        try {
            Files.createDirectories(log.getParent());
            workDirectory = Files.createTempDirectory("kcsessions-pg-");
            passwordFile = Files.writeString(workDirectory.resolve("initial-password"), PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path dataDirectory = workDirectory.resolve("data");
        if (isRoot()) {
            ensureOsUser();
            run(log, Duration.ofSeconds(30), List.of("chown", "-R", OS_USER + ":", workDirectory.toString()), Map.of());
        }
        try {
            run(log, Duration.ofMinutes(2), asServerUser(bin.resolve("initdb").toString(),
                    "--pgdata=" + dataDirectory, "--username=" + USER, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"), Map.of());
        } finally {
            passwordFile.toFile().delete();
        }
        start(asServerUser(bin.resolve("postgres").toString(), "-D", dataDirectory.toString(),
                "-p", String.valueOf(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                // A test database: durability is not what is being tested, speed of the run is.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"),
                Map.of(), workDirectory, Duration.ofMinutes(1), this::acceptsConnections);
        run(log, Duration.ofMinutes(1), List.of(bin.resolve("createdb").toString(),
                "--host=127.0.0.1", "--port=" + port, "--username=" + USER, DATABASE), Map.of("PGPASSWORD", PASSWORD));
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** Runs SQL with psql and returns what it printed (unaligned, tuples only). */
    String sql(String statement) {
        Path out = log.resolveSibling("psql-out.txt");
        out.toFile().delete();
        run(out, Duration.ofMinutes(1), List.of(bin.resolve("psql").toString(),
                "--host=127.0.0.1", "--port=" + port, "--username=" + USER, "--dbname=" + DATABASE,
                "--no-align", "--tuples-only", "--quiet", "--command=" + statement), Map.of("PGPASSWORD", PASSWORD));
        try {
            return Files.readString(out).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (isRunning()) {
            // SIGINT is PostgreSQL's fast shutdown: clients are disconnected, nothing waits for them.
            run(log, Duration.ofSeconds(30), List.of("kill", "-INT", String.valueOf(pid())), Map.of());
            super.close();
        }
        if (workDirectory != null) {
            TestResources.deleteRecursively(workDirectory);
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private List<String> asServerUser(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            // setpriv execs the command, so the PID this run records is PostgreSQL's own.
            full.addAll(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER, "--init-groups", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private void ensureOsUser() {
        try {
            run(log, Duration.ofSeconds(30), List.of("id", "-u", OS_USER), Map.of());
        } catch (IllegalStateException missing) {
            run(log, Duration.ofSeconds(30),
                    List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER), Map.of());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** {@code -Dpostgres.bin=...}, else the newest Debian PostgreSQL under /usr/lib/postgresql. */
    private static Path binaries() {
        String configured = System.getProperty("postgres.bin");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("postgres")))
                    .max(Comparator.comparing(dir -> Integer.parseInt(dir.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The cluster tests need PostgreSQL's server binaries (Debian: apt-get "
                    + "install postgresql-15), or -Dpostgres.bin=<dir with initdb and postgres>.", e);
        }
    }
}
