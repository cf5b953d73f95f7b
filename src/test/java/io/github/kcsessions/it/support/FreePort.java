package io.github.kcsessions.it.support;

/** A free loopback port for a server a test starts itself (an SMTP server, say). */
public final class FreePort {

    private FreePort() {
    }

    public static int next() {
        return ServerProcess.freePort();
    }
}
