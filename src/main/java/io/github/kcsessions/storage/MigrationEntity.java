package io.github.kcsessions.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A one-time job of the extension (the back-fill): who runs it, how far it got, when it finished. */
@Entity(name = "KcsMigration")
@Table(name = "KCS_MIGRATION")
@NamedQueries({
        @NamedQuery(name = "kcsClaimMigration", query = "insert into KcsMigration (name, claimedBy, heartbeat)"
                + " values (:name, :node, :now) on conflict (name) do nothing"),
        @NamedQuery(name = "kcsTakeOverMigration", query = "update KcsMigration set claimedBy = :node, heartbeat = :now"
                + " where name = :name and doneAt is null and heartbeat < :stale"),
        @NamedQuery(name = "kcsMigrationProgress", query = "update KcsMigration set heartbeat = :now,"
                + " resumeAfter = :resumeAfter where name = :name and claimedBy = :node"),
        @NamedQuery(name = "kcsMigrationDone", query = "update KcsMigration set heartbeat = :now, doneAt = :now"
                + " where name = :name and claimedBy = :node"),
})
public class MigrationEntity {

    @Id
    @Column(name = "NAME", length = 64)
    private String name;

    @Column(name = "CLAIMED_BY", length = 64)
    String claimedBy;

    @Column(name = "HEARTBEAT")
    private int heartbeat;

    @Column(name = "RESUME_AFTER", length = 64)
    String resumeAfter;

    @Column(name = "DONE_AT")
    Integer doneAt;
}
