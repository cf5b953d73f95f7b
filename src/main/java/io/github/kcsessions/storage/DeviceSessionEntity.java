package io.github.kcsessions.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;

/**
 * One row per user session (online and offline), with what the admin search filters on: the extension's index of
 * Keycloak's sessions, never their source of truth (docs/design.md, "The device table"). Browser and OS are lower case,
 * the country upper case, addresses {@link IpColumn} spellings; times are epoch seconds, {@code lastSeen} to the minute.
 */
@Entity(name = "KcsDeviceSession")
@Table(name = "KCS_DEVICE_SESSION")
@IdClass(DeviceSessionEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "kcsUpsertDeviceSession", query = DeviceSessionEntity.INSERT
                + " on conflict (sessionId, offline) do update set realmId = :realmId, userId = :userId,"
                + " lastSeen = :lastSeen, country = :country,"
                + " browser = :browser, os = :os, deviceType = :deviceType, apiClient = :apiClient, lastIp = :lastIp"),
        @NamedQuery(name = "kcsInsertDeviceSessionIfAbsent", query = DeviceSessionEntity.INSERT
                + " on conflict (sessionId, offline) do update set realmId = :realmId"),
        @NamedQuery(name = "kcsTouchDeviceSession", query = "update KcsDeviceSession set lastSeen = :lastSeen"
                + " where sessionId = :sessionId and offline = :offline and lastSeen < :lastSeen"),
        @NamedQuery(name = "kcsDeleteDeviceSession", query = "delete from KcsDeviceSession"
                + " where sessionId = :sessionId and offline = :offline"),
        @NamedQuery(name = "kcsDeleteDeviceSessionsOfUser", query = "delete from KcsDeviceSession"
                + " where realmId = :realmId and userId = :userId"),
        @NamedQuery(name = "kcsDeleteDeviceSessionsOfRealm", query = "delete from KcsDeviceSession"
                + " where realmId = :realmId"),
})
public class DeviceSessionEntity {

    static final String INSERT = "insert into KcsDeviceSession (sessionId, offline, realmId, userId, firstSeen,"
            + " lastSeen, country, browser, os, deviceType, apiClient, lastIp, firstIp) values (:sessionId, :offline,"
            + " :realmId, :userId, :firstSeen, :lastSeen, :country, :browser, :os, :deviceType, :apiClient, :lastIp,"
            + " :firstIp)";

    @Id
    @Column(name = "SESSION_ID", length = 36)
    private String sessionId;

    /** {@code "1"} for an offline session, {@code "0"} for an online one, as Keycloak's own session tables spell it. */
    @Id
    @Column(name = "OFFLINE", length = 1)
    private String offline;

    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "USER_ID")
    private String userId;

    @Column(name = "FIRST_SEEN")
    private int firstSeen;

    @Column(name = "LAST_SEEN")
    private int lastSeen;

    @Column(name = "COUNTRY", length = 2)
    private String country;

    @Column(name = "BROWSER", length = 64)
    private String browser;

    @Column(name = "OS", length = 64)
    private String os;

    @Column(name = "DEVICE_TYPE", length = 16)
    private String deviceType;

    @Column(name = "API_CLIENT")
    private boolean apiClient;

    @Column(name = "LAST_IP", length = 32)
    private String lastIp;

    @Column(name = "FIRST_IP", length = 32)
    private String firstIp;

    public record Key(String sessionId, String offline) implements Serializable {
    }
}
