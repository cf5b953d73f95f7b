package io.github.kcsessions.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The lines a server logged from a mark on: for tests that hostile requests leave no ERROR behind. */
public record ServerLog(Path file, long mark) {

    /** From now on; null when the server's log is not known (a server started by hand). */
    public static ServerLog fromNow(KeycloakServer server) {
        return server.logFile().map(path -> new ServerLog(path, path.toFile().length())).orElse(null);
    }

    /** Lines at level ERROR since the mark (stack trace lines follow them and are not counted). */
    public List<String> errors() {
        try {
            byte[] all = Files.readAllBytes(file);
            String since = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    StandardCharsets.UTF_8);
            return since.lines().filter(line -> line.matches("^\\S+ \\S+ ERROR .*")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
