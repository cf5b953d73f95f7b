package io.github.kcsessions.device;

import java.util.Objects;

/**
 * Stores a {@link DeviceRecord} in one user-session note, {@value #NAME}, in the format of {@link NoteV2} (the
 * first released; a note of an unknown version reads as no record). Made for decoding: a version tag, then fields
 * that are split, not parsed.
 */
public final class DeviceNote {

    /** The user-session note holding the record. */
    public static final String NAME = "kcs.device";

    private DeviceNote() {
    }

    /** @param record a record with a device: the capture always knows one, even if it is {@link DeviceInfo#NONE} */
    public static String encode(DeviceRecord record) {
        Objects.requireNonNull(record.device(), "device");
        return NoteV2.encode(record);
    }

    /** The record a note holds; null when the note is absent, damaged or of a version this code does not know. */
    public static DeviceRecord decode(String note) {
        if (note == null) {
            return null;
        }
        return note.startsWith(NoteV2.VERSION + "|") ? NoteV2.decode(note) : null;
    }
}
