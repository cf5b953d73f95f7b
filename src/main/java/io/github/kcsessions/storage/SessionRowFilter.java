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

    /** Every session of the realm. */
    public static SessionRowFilter realm(String realmId) {
        return new SessionRowFilter(realmId, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public SessionRowFilter withUser(String id) {
        return new SessionRowFilter(realmId, id, offline, clientUuid, country, browser, os, apiClient, ipLowest,
                ipHighest, activeSince, activeUntil, excluded);
    }

    public SessionRowFilter withOffline(Boolean kind) {
        return new SessionRowFilter(realmId, userId, kind, clientUuid, country, browser, os, apiClient, ipLowest,
                ipHighest, activeSince, activeUntil, excluded);
    }

    public SessionRowFilter withClient(String uuid) {
        return new SessionRowFilter(realmId, userId, offline, uuid, country, browser, os, apiClient, ipLowest,
                ipHighest, activeSince, activeUntil, excluded);
    }

    public SessionRowFilter withDevice(String countryCode, String browserName, String osName, Boolean api) {
        return new SessionRowFilter(realmId, userId, offline, clientUuid, countryCode, browserName, osName, api,
                ipLowest, ipHighest, activeSince, activeUntil, excluded);
    }

    public SessionRowFilter withAddresses(String lowest, String highest) {
        return new SessionRowFilter(realmId, userId, offline, clientUuid, country, browser, os, apiClient, lowest,
                highest, activeSince, activeUntil, excluded);
    }

    public SessionRowFilter withActivity(Integer since, Integer until) {
        return new SessionRowFilter(realmId, userId, offline, clientUuid, country, browser, os, apiClient, ipLowest,
                ipHighest, since, until, excluded);
    }

    public SessionRowFilter without(SessionRow session) {
        return new SessionRowFilter(realmId, userId, offline, clientUuid, country, browser, os, apiClient, ipLowest,
                ipHighest, activeSince, activeUntil, session);
    }
}
