package io.github.kcsessions.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;

/** A device a user signed in with, and the day it last did: the memory behind the new-device email. */
@Entity(name = "KcsKnownDevice")
@Table(name = "KCS_KNOWN_DEVICE")
@IdClass(KnownDeviceEntity.Key.class)
@NamedQueries({
        @NamedQuery(name = "kcsKnownDevicesOfUser", query = "select d.deviceKey, d.lastDay from KcsKnownDevice d"
                + " where d.userId = :userId order by d.lastDay desc"),
        @NamedQuery(name = "kcsRememberNewDevice", query = "insert into KcsKnownDevice (userId, deviceKey, realmId,"
                + " lastDay) values (:userId, :deviceKey, :realmId, :lastDay)"
                + " on conflict (userId, deviceKey) do nothing"),
        @NamedQuery(name = "kcsSeeKnownDevice", query = "update KcsKnownDevice set lastDay = :lastDay"
                + " where userId = :userId and deviceKey = :deviceKey and lastDay = :previousDay"),
        @NamedQuery(name = "kcsForgetKnownDevice", query = "delete from KcsKnownDevice"
                + " where userId = :userId and deviceKey = :deviceKey"),
        @NamedQuery(name = "kcsForgetKnownDevicesOfUser", query = "delete from KcsKnownDevice where userId = :userId"),
        @NamedQuery(name = "kcsForgetKnownDevicesOfRealm", query = "delete from KcsKnownDevice where realmId = :realmId"),
})
public class KnownDeviceEntity {

    @Id
    @Column(name = "USER_ID")
    private String userId;

    @Id
    @Column(name = "DEVICE_KEY", length = 16)
    private String deviceKey;

    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_DAY")
    private int lastDay;

    public record Key(String userId, String deviceKey) implements Serializable {
    }
}
