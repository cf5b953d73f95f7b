package io.github.kcsessions.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The small memory of a user's devices behind the new-device email: at most {@value #CAPACITY} devices (their
 * {@code DeviceKey}s), each with the day it last signed in; a device not seen for {@value #FORGET_AFTER_DAYS} days is
 * forgotten, and when the memory is full the device seen longest ago makes room. Kept in the extension's table
 * ({@link KnownDeviceStore}); earlier builds kept it as the user attribute {@value #LEGACY_ATTRIBUTE}, as
 * {@code key@epochDay} entries separated by commas, which {@link #parse} still reads for the move.
 */
public final class KnownDevices {

    public static final int CAPACITY = 10;
    public static final String LEGACY_ATTRIBUTE = "kcs.known-devices";
    public static final int FORGET_AFTER_DAYS = 180;

    private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{12}@\\d{1,7}");

    /** A device and the day (since the epoch) it last signed in. */
    public record Entry(String key, long day) {
    }

    private final List<Entry> entries;

    private KnownDevices(List<Entry> entries) {
        this.entries = entries;
    }

    public static KnownDevices of(List<Entry> entries) {
        return new KnownDevices(new ArrayList<>(entries));
    }

    /** The memory as the legacy attribute held it; unreadable entries are dropped, not trusted. */
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
    public boolean knows(String key, long today) {
        return entries.stream().anyMatch(e -> e.key.equals(key) && today - e.day < FORGET_AFTER_DAYS);
    }

    /** The day the device last signed in, remembered or not yet forgotten; null when it never did. */
    public Long lastDay(String key) {
        return entries.stream().filter(e -> e.key.equals(key)).map(Entry::day).findFirst().orElse(null);
    }

    /** The memory after {@code key} signed in on {@code today}: forgotten devices dropped, capacity kept. */
    public KnownDevices remember(String key, long today) {
        List<Entry> next = new ArrayList<>(entries.stream()
                .filter(e -> !e.key.equals(key) && today - e.day < FORGET_AFTER_DAYS)
                .toList());
        next.add(new Entry(key, today));
        next.sort(Comparator.comparingLong(Entry::day).reversed());
        return new KnownDevices(new ArrayList<>(next.subList(0, Math.min(CAPACITY, next.size()))));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The devices this memory has and {@code next} no longer has. */
    public List<String> forgottenIn(KnownDevices next) {
        return entries.stream().map(Entry::key).filter(key -> next.lastDay(key) == null).toList();
    }
}
