package io.hourglass.server.auth;

import java.util.Locale;

/**
 * How the container-jobs API ({@code /job(s)}) is protected, apart from the REST API: its existing clients send no
 * token. {@link #OPEN}: no token needed, even once API tokens exist. {@link #TOKEN}: an API token with the read
 * role (reads) or write role (changes), as soon as the server has tokens. The default depends on the bind address:
 * open on loopback, token anywhere else ({@link #defaultFor}).
 */
public enum CompatAccess {
    OPEN,
    TOKEN;

    public static CompatAccess defaultFor(boolean loopback) {
        return loopback ? OPEN : TOKEN;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CompatAccess fromWireName(String value) {
        for (CompatAccess access : values()) {
            if (access.wireName().equals(value)) {
                return access;
            }
        }
        throw new IllegalArgumentException("must be open or token, was '" + value + "'");
    }
}
