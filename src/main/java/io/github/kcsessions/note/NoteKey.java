package io.github.kcsessions.note;

/**
 * The fields of a version 2 note, each written {@code |key=value}. The first group is what searches filter on, in a
 * normalised spelling (lower case, addresses in hex) so that a database can match it with {@code LIKE}; the rest is
 * what the views show.
 */
enum NoteKey {
    // Filtered on by the database: keep these spellings stable.
    BROWSER_MATCH("b"),
    OS_MATCH("o"),
    API_CLIENT("ac"),
    LAST_COUNTRY_CODE("lcc"),
    LAST_IP_HEX("lih"),
    INITIAL_IP_HEX("fih"),
    // Shown.
    USER_AGENT("ua"),
    BROWSER("bn"),
    BROWSER_VERSION("bv"),
    OS("on"),
    OS_VERSION("ov"),
    DEVICE_TYPE("dt"),
    MOBILE("mo"),
    MODEL("md"),
    VENDOR("vd"),
    FIRST_SEEN("fs"),
    LAST_SEEN("ls"),
    INITIAL_IP("fip"),
    LAST_IP("lip"),
    LAST_COUNTRY("lco"),
    LAST_REGION("lrg"),
    LAST_CITY("lct"),
    INITIAL_COUNTRY_CODE("fcc"),
    INITIAL_COUNTRY("fco"),
    INITIAL_REGION("frg"),
    INITIAL_CITY("fct");

    private final String key;

    NoteKey(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** {@code |key=}: how the field starts in a note, and the start of a {@code LIKE} pattern that finds it. */
    String opening() {
        return "|" + key + "=";
    }

    static NoteKey of(String key) {
        for (NoteKey candidate : values()) {
            if (candidate.key.equals(key)) {
                return candidate;
            }
        }
        return null;
    }
}
