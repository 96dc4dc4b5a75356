package io.hourglass.server.auth;

import java.util.Locale;

/** What a token may do. Each role includes the ones before it: admin can write, write can read. */
public enum Role {
    READ,
    WRITE,
    ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWireName(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + value + "' (expected read, write or admin)");
    }
}
