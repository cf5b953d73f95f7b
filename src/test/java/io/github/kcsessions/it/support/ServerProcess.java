package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server this test run starts as a child process: its output goes to a log file under {@code target/}, and it is
 * stopped or killed by the PID this class started (and that process's own descendants), never by name.
 */
final class ServerProcess {

    private final String name;
    private final Path log;
    private Process process;

    ServerProcess(String name, Path log) {
        this.name = name;
        this.log = log;
    }

    void start(List<String> command, Map<String, String> environment, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code ready} says so; a process that exits or hangs meanwhile fails the run (and is killed). */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sleep(500);
        }
        kill();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM to the started process, then to what is left of its descendants; SIGKILL after a grace period. */
    void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : descendants) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        process = null;
    }

    /** A crash: SIGKILL to the started process and its descendants, nothing can clean up. */
    void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle child : descendants) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Runs a short command to its end, its output appended to this process's log; fails the run if it fails. */
    static void run(Path log, Duration timeout, List<String> command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            Process started = builder.start();
            if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                started.descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout
                        + "; see " + log);
            }
            if (started.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with " + started.exitValue()
                        + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
