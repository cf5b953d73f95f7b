package io.github.kcsessions.geo;

/**
 * Where an IP address is, as far as a geo-IP database knows; every field may be null, but not all of them at once.
 * Names are in English.
 *
 * @param countryCode ISO 3166-1 alpha-2, e.g. "GB"
 * @param country     e.g. "United Kingdom"
 * @param region      the largest subdivision, e.g. "England" (not the county): the one people name a region by, and
 *                    the one every database has
 * @param city        e.g. "London"
 */
public record Location(String countryCode, String country, String region, String city) {
}
