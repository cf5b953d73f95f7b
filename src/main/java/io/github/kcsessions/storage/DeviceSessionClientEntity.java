package io.github.kcsessions.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A client (its internal id) that takes part in a session of {@link DeviceSessionEntity}: the {@code clientId} filter. */
// Upserts here "do update" with what the row has anyway rather than "do nothing": Hibernate writes "do nothing" for H2
// as a plain INSERT, which fails on a conflict, and the login with it.
@Entity(name = "KcsDeviceSessionClient")
@Table(name = "KCS_DEVICE_SESSION_CLIENT")
@IdClass(DeviceSessionClientEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "kcsAddDeviceSessionClient", query = "insert into KcsDeviceSessionClient (sessionId, offline,"
                + " clientId, realmId) values (:sessionId, :offline, :clientId, :realmId)"
                + " on conflict (sessionId, offline, clientId) do update set realmId = :realmId"),
        @NamedQuery(name = "kcsDeleteDeviceSessionClients", query = "delete from KcsDeviceSessionClient"
                + " where sessionId = :sessionId and offline = :offline"),
        @NamedQuery(name = "kcsDeleteDeviceSessionClientsOfRealm", query = "delete from KcsDeviceSessionClient"
                + " where realmId = :realmId"),
        @NamedQuery(name = "kcsDeleteDeviceSessionClientsOfClient", query = "delete from KcsDeviceSessionClient"
                + " where realmId = :realmId and clientId = :clientId"),
})
public class DeviceSessionClientEntity {

    @Id
    @Column(name = "SESSION_ID", length = 36)
    private String sessionId;

    /** {@code "1"} for an offline session, {@code "0"} for an online one, as Keycloak's own session tables spell it. */
    @Id
    @Column(name = "OFFLINE", length = 1)
    private String offline;

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    public record Key(String sessionId, String offline, String clientId) implements Serializable {
    }
}
