package io.github.kcsessions.device;

/** Sanitising of strings that come from request headers and end up stored in a session note. */
public final class HeaderText {

    private HeaderText() {
    }

    /**
     * Removes control characters (they have no place in any stored value and one of them is the note separator) and
     * cuts the result to {@code maxLength} characters without splitting a surrogate pair. Null stays null, an empty
     * string stays empty.
     */
    public static String clean(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && kept.length() < maxLength; i++) {
            char c = value.charAt(i);
            if (!Character.isISOControl(c)) {
                kept.append(c);
            }
        }
        if (kept.length() > 0 && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept.setLength(kept.length() - 1);
        }
        return kept.toString();
    }

    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
