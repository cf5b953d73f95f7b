package io.github.kcsessions.it.support;

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
