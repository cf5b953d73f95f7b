package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
class ServerProcess implements AutoCloseable {

    final String name;
    final Path log;
    private Process process;

    ServerProcess(String name, Path log) {
        this.name = name;
        this.log = log;
    }

    /** Starts and waits until {@code ready} says so; a process that exits or hangs meanwhile fails the run. */
    void start(List<String> command, Map<String, String> environment, Path directory, Duration timeout,
               BooleanSupplier ready) {
        process = launch(command, environment, directory, log);
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            Clock.sleep(500);
        }
        kill();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM to the started process, then a wait for its descendants; SIGKILL after a grace period. */
    @Override
    public void close() {
        end(false);
    }

    /** A crash: SIGKILL to the started process and its descendants, nothing can clean up. */
    public void kill() {
        end(true);
    }

    private void end(boolean crash) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        if (crash) {
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(crash ? 30 : 60, TimeUnit.SECONDS)) {
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

    /** Runs a short command to its end, its output appended to {@code log}; fails the run if it fails. */
    static void run(Path log, Duration timeout, List<String> command, Map<String, String> environment) {
        Process started = launch(command, environment, null, log);
        try {
            if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                started.descendants().forEach(ProcessHandle::destroyForcibly);
                started.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " took longer than " + timeout
                        + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (started.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with " + started.exitValue()
                    + "; see " + log);
        }
    }

    private static Process launch(List<String> command, Map<String, String> environment, Path directory, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory == null ? null : directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(log.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
