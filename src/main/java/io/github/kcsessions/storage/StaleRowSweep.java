package io.github.kcsessions.storage;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * Deletes the device-table rows of sessions Keycloak no longer has: sessions ended by a route that names no session
 * (bulk deletions, a node that died before its after-commit step). Lists and searches never show such a row (each page
 * is checked against Keycloak), but counts include it until this runs. Rows active in the last minutes are left
 * alone: their session's own commit may not be visible yet.
 */
final class StaleRowSweep implements ScheduledTask {

    static final long INTERVAL_MILLIS = 15 * 60 * 1000L;
    private static final int GRACE_SECONDS = 300;

    @Override
    public void run(KeycloakSession session) {
        new DeviceSessions(session).deleteEndedBefore(Time.currentTime() - GRACE_SECONDS);
    }

    @Override
    public String getTaskName() {
        return "kcs-stale-device-rows";
    }
}
