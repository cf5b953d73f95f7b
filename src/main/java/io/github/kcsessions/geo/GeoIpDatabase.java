package io.github.kcsessions.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.NamedRecord;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A MaxMind DB City database, memory-mapped: the operating system pages it in and shares it, and the heap holds only
 * a cache of decoded records. Thread-safe.
 */
final class GeoIpDatabase implements GeoIpLookup {

    private static final Logger LOG = Logger.getLogger(GeoIpDatabase.class);

    private static final String ENGLISH = "en";

    /** What a database entry without any name amounts to; reported as no location. */
    private static final Location NOWHERE = new Location(null, null, null, null);

    private final DatabaseReader reader;
    private final String description;

    private GeoIpDatabase(DatabaseReader reader, String description) {
        this.reader = reader;
        this.description = description;
    }

    /** See {@link GeoIpLookup#open(String)}. */
    static GeoIpLookup open(String path) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException invalid) {
            return unusable(path, "it is not a valid path: " + invalid.getMessage());
        }
        if (!Files.exists(file)) {
            return unusable(path, "the file does not exist");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return unusable(path, "it is not a readable file");
        }
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(file.toFile())
                    .fileMode(Reader.FileMode.MEMORY_MAPPED)
                    .withCache(new CHMCache())
                    .build();
        } catch (IOException | RuntimeException unreadable) {
            return unusable(path, "it is not a usable MaxMind DB file (" + unreadable.getMessage() + ")");
        }
        String type = reader.metadata().databaseType();
        String problem = cityLookupProblem(reader, type);
        if (problem != null) {
            closeQuietly(reader);
            return unusable(path, problem);
        }
        String description = path + " (" + type + ", built " + reader.metadata().buildTime() + ")";
        LOG.infof("Locating IP addresses with %s", description);
        return new GeoIpDatabase(reader, description);
    }

    /** A trial lookup: it is how the library itself tells a City database from an ASN or Country one. */
    private static String cityLookupProblem(DatabaseReader reader, String type) {
        try {
            reader.tryCity(InetAddress.getLoopbackAddress());
            return null;
        } catch (UnsupportedOperationException notCity) {
            return "it is a " + type + " database, not a City one";
        } catch (IOException | GeoIp2Exception | RuntimeException broken) {
            return "it cannot be read (" + broken.getMessage() + ")";
        }
    }

    private static GeoIpLookup unusable(String path, String reason) {
        LOG.errorf("Geo-IP database %s cannot be used, sessions will have no location: %s", path, reason);
        return UNUSABLE;
    }

    @Override
    public Location locate(String ipAddress) {
        InetAddress address = IpAddresses.parse(ipAddress);
        if (address == null || !IpAddresses.isPublic(address)) {
            return null;
        }
        try {
            return reader.tryCity(address).map(GeoIpDatabase::toLocation).orElse(null);
        } catch (IOException | GeoIp2Exception | RuntimeException failure) {
            LOG.debugf(failure, "Cannot locate %s", ipAddress);
            return null;
        }
    }

    private static Location toLocation(CityResponse city) {
        String countryCode = city.country() == null ? null : city.country().isoCode();
        String region = city.subdivisions() == null || city.subdivisions().isEmpty() ? null
                : english(city.subdivisions().get(0));
        Location location = new Location(countryCode, english(city.country()), region, english(city.city()));
        return NOWHERE.equals(location) ? null : location;
    }

    private static String english(NamedRecord record) {
        Map<String, String> names = record == null ? null : record.names();
        return names == null ? null : names.get(ENGLISH);
    }

    @Override
    public long builtAt() {
        return reader.metadata().buildTime().getEpochSecond();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        closeQuietly(reader);
    }

    private static void closeQuietly(DatabaseReader reader) {
        try {
            reader.close();
        } catch (IOException ignored) {
            // Closing only unmaps the file; there is nothing to recover.
        }
    }
}
