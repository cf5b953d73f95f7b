package io.github.kcsessions.device;

/**
 * The fields of a version 2 note, each written {@code |key=value}. Keys once written and no longer read ({@code b},
 * {@code o}, {@code lih}, {@code fih}: copies for database matching) must not be given a new meaning.
 */
enum NoteKey {
    API_CLIENT("ac"),
    LAST_COUNTRY_CODE("lcc"),
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

    static NoteKey of(String key) {
        for (NoteKey candidate : values()) {
            if (candidate.key.equals(key)) {
                return candidate;
            }
        }
        return null;
    }
}
