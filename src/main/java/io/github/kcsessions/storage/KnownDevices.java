package io.github.kcsessions.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The small memory of a user's devices behind the new-device email, kept as one user attribute: at most
 * {@value #CAPACITY} devices, each with the day it last signed in; a device not seen for {@value #FORGET_AFTER_DAYS}
 * days is forgotten, and when the memory is full the device seen longest ago makes room. The text is
 * {@code key@epochDay} entries separated by commas: under 200 characters, so it fits Keycloak's ordinary attribute
 * column.
 */
public final class KnownDevices {

    public static final int CAPACITY = 10;
    public static final int FORGET_AFTER_DAYS = 180;

    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{" + DeviceKey.LENGTH + "}@\\d{1,7}");

    private record Entry(String key, long day) {
    }

    private final List<Entry> entries;

    private KnownDevices(List<Entry> entries) {
        this.entries = entries;
    }

    /** The memory as stored; null or unreadable text is an empty memory (entries that do not parse are dropped). */
    public static KnownDevices parse(String text) {
        List<Entry> entries = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(",")) {
                if (ENTRY.matcher(item).matches()) {
                    int at = item.indexOf('@');
                    entries.add(new Entry(item.substring(0, at), Long.parseLong(item.substring(at + 1))));
                }
            }
        }
        return new KnownDevices(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Whether the device signed in within the last {@value #FORGET_AFTER_DAYS} days, as of {@code today}. */
    public boolean knows(DeviceKey key, long today) {
        return entries.stream().anyMatch(e -> e.key.equals(key.value()) && today - e.day < FORGET_AFTER_DAYS);
    }

    /** The memory after {@code key} signed in on {@code today}: forgotten devices dropped, capacity kept. */
    public KnownDevices remember(DeviceKey key, long today) {
        List<Entry> next = new ArrayList<>(entries.stream()
                .filter(e -> !e.key.equals(key.value()) && today - e.day < FORGET_AFTER_DAYS)
                .toList());
        next.add(new Entry(key.value(), today));
        next.sort(Comparator.comparingLong(Entry::day).reversed());
        return new KnownDevices(new ArrayList<>(next.subList(0, Math.min(CAPACITY, next.size()))));
    }

    public int size() {
        return entries.size();
    }

    public String text() {
        return String.join(",", entries.stream().map(e -> e.key + "@" + e.day).toList());
    }
}
