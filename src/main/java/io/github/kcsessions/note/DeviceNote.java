package io.github.kcsessions.note;

import io.github.kcsessions.device.DeviceInfo;

import java.util.Objects;

/**
 * Stores a {@link DeviceRecord} in one user-session note, {@value #NAME}. Written in the current format
 * ({@link NoteV2}); read in every format this extension ever wrote ({@link NoteV1} too), so that sessions recorded
 * before an upgrade keep their device. The note is read on every listing, so its formats are made for decoding: a
 * version tag, then fields that are split, not parsed.
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
        if (note.startsWith(NoteV2.VERSION + "|")) {
            return NoteV2.decode(note);
        }
        return NoteV1.decode(note);
    }

}
