package io.github.kcsessions.revocation;

/** Waiting on the request thread, for the grace and the sweeps of a revocation; an interrupt ends the wait early. */
final class Pause {

    private Pause() {
    }

    static void of(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
