package io.hourglass.internal;

import io.hourglass.InvalidRequestException;

/**
 * The one check for names and keys users give (task, queue, schedule, worker and node names, dedup keys): not
 * blank, not too long, no control characters and valid Unicode.
 *
 * <p>Why control characters and broken Unicode are refused here, in core: PostgreSQL cannot store a NUL character
 * in text at all, and an unpaired UTF-16 surrogate (what an invalid UTF-8 sequence or a lone {@code \ud800}
 * escape decodes to) is silently replaced on the way to the database, so the name stored would differ from the
 * name given. Checking where names are validated refuses them with a 400 for the REST API and an
 * {@link InvalidRequestException} for the embedded API alike, before anything is written.
 */
public final class Names {
    private Names() {
    }

    /** Requires a name: 1 to {@code maxLength} characters, not blank, see the class comment for the rest. */
    public static void require(String field, String value, int maxLength) {
        InvalidRequestException.require(value != null && !value.isBlank() && value.length() <= maxLength, field,
                "must be 1 to " + maxLength + " characters, not blank, was "
                        + (value == null ? "null" : value.isBlank() ? "blank" : value.length() + " characters"));
        requireText(field, value);
    }

    /** As {@link #require}, but null is allowed (the field was not given). */
    public static void optional(String field, String value, int maxLength) {
        if (value != null) {
            require(field, value, maxLength);
        }
    }

    /** Requires text free of control characters (NUL included) and unpaired surrogates; null passes. */
    public static void requireText(String field, String value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidRequestException(field, String.format(
                        "must not contain control characters such as NUL; found U+%04X at index %d", (int) c, i));
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(field, String.format("must be valid Unicode text; found an"
                        + " unpaired surrogate U+%04X at index %d (invalid UTF-8 decodes to one)", (int) c, i));
            }
        }
    }
}
