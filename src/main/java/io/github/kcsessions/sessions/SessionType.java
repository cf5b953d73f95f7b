package io.github.kcsessions.sessions;

/** The {@code type} filter: online (browser SSO) sessions, offline sessions, or both. */
public enum SessionType {
    ONLINE, OFFLINE, ALL;

    public boolean includesOnline() {
        return this != OFFLINE;
    }

    public boolean includesOffline() {
        return this != ONLINE;
    }

    /** The device table's {@code offline} condition: null for both kinds. */
    public Boolean offline() {
        return this == ALL ? null : this == OFFLINE;
    }
}
