package io.github.kcsessions.geo;

/**
 * Where an IP address is, as far as a geo-IP database knows, in English; any field may be null, not all at once.
 * {@code region} is the largest subdivision (England, not the county): the one every database has.
 */
public record Location(String countryCode, String country, String region, String city) {
}
