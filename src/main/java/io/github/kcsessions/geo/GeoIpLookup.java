package io.github.kcsessions.geo;

/**
 * Locates IP addresses. Implementations never throw and never resolve host names.
 */
public interface GeoIpLookup extends AutoCloseable {

    /** The lookup used when no database is configured: it knows no address. */
    GeoIpLookup DISABLED = ipAddress -> null;

    /** The lookup used when the configured database cannot be used: it knows no address either. */
    GeoIpLookup UNUSABLE = ipAddress -> null;

    /**
     * @param ipAddress an IPv4 or IPv6 address literal
     * @return where the address is, or null for anything else: null, blank, a host name, a private, loopback,
     *         link-local or otherwise non-public address, or an address the database does not know
     */
    Location locate(String ipAddress);

    /** When the database was built, epoch seconds; -1 without one. */
    default long builtAt() {
        return -1;
    }

    /** What this lookup reads, for the admin console's server info: the database, or "none". */
    default String description() {
        return "none";
    }

    @Override
    default void close() {
    }

    /**
     * Opens a MaxMind DB City database ({@code .mmdb}). Never fails: without a path it returns {@link #DISABLED}; for a
     * file that cannot be used it logs why and returns {@link #UNUSABLE}: a bad configuration costs the locations only.
     */
    static GeoIpLookup open(String path) {
        if (path == null || path.isBlank()) {
            return DISABLED;
        }
        return GeoIpDatabase.open(path.strip());
    }
}
