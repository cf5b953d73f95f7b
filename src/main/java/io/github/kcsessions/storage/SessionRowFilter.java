package io.github.kcsessions.storage;

/**
 * Which rows of the device table a query takes, every condition evaluated by the database with bound parameters.
 * Null fields do not filter.
 *
 * @param offline     true for offline sessions, false for online ones, null for both
 * @param clientUuid  the internal id of a client that takes part in the session
 * @param browser     lower case
 * @param os          lower case
 * @param country     ISO 3166-1 alpha-2, upper case
 * @param ipLowest    with {@code ipHighest}: the block the last or the first address is in ({@code IpAddresses#sortable})
 * @param activeSince last activity at or after, epoch seconds
 * @param activeUntil last activity at or before, epoch seconds
 * @param excluded    a session left out (the caller's own, which a list shows first)
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
