package io.github.kcsessions.it.support;

import java.util.concurrent.Callable;

/**
 * Waits for the wall clock, for behaviour that depends on time passing: Keycloak keeps session times in whole
 * seconds, and tokens and links expire at a given second. Each wait ends at the exact boundary it needs, not after a
 * guessed delay.
 */
public final class Clock {

    private Clock() {
    }

    /** Until the current second has passed, so that the next time Keycloak records is later than any before. */
    public static void nextSecond() {
        untilAfter(System.currentTimeMillis() / 1000);
    }

    /** Until the given second (epoch seconds, e.g. a token's {@code exp}) has passed. */
    public static void untilAfter(long epochSecond) {
        long wait = (epochSecond + 1) * 1000 - System.currentTimeMillis();
        if (wait > 0) {
            sleep(wait);
        }
    }

    /**
     * Polls for what the server does after it has answered (an email, a log line, a metric, an event) until the
     * condition holds or 20 seconds have passed; the caller then asserts what it needs, with its own message.
     */
    public static void await(Callable<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 20_000;
        try {
            while (!condition.call() && System.currentTimeMillis() < deadline) {
                sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pause between polls; an interrupt ends the test. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
