package io.github.kcsessions.storage;

/**
 * Which rows of the device table a query takes, every condition evaluated by the database with bound parameters.
 * Null fields do not filter. Spelled as the table spells them: browser and OS lower case, country upper case, the
 * address block ({@code ipLowest} to {@code ipHighest}) in {@code IpAddresses#sortable}, times in epoch seconds.
 * {@code excluded} is a session left out (the caller's own, which a list shows first).
 */
public record SessionRowFilter(String realmId, String userId, Boolean offline, String clientUuid, String country,
                               String browser, String os, Boolean apiClient, String ipLowest, String ipHighest,
                               Integer activeSince, Integer activeUntil, SessionRow excluded) {

    /** The sessions of the realm, of a user, of a kind, of a client: those of the arguments that are not null. */
    public static SessionRowFilter of(String realmId, String userId, Boolean offline, String clientUuid) {
        return new SessionRowFilter(realmId, userId, offline, clientUuid, null, null, null, null, null, null, null, null,
                null);
    }

    public SessionRowFilter without(SessionRow session) {
        return new SessionRowFilter(realmId, userId, offline, clientUuid, country, browser, os, apiClient, ipLowest,
                ipHighest, activeSince, activeUntil, session);
    }
}
