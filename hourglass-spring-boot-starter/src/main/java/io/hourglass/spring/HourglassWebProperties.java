package io.hourglass.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code hourglass.web.*} settings: whether the REST API and the console are served inside the application
 * (off unless asked for), under which path, and who decides who may use them. Read by
 * {@link HourglassWebAutoConfiguration}.
 */
@ConfigurationProperties(prefix = "hourglass.web")
public class HourglassWebProperties {
    /** Who decides who may call the mounted API and console. */
    public enum Auth {
        /** The application's signed-in user and its roles HOURGLASS_ADMIN, HOURGLASS_WRITE, HOURGLASS_READ. */
        APPLICATION,
        /** Hourglass's own API tokens (tokens.json under hourglass.data-dir) and the console's token login. */
        TOKENS
    }

    /** The role of a request without a signed-in user, with auth=application. */
    public enum AnonymousRole { NONE, READ, WRITE, ADMIN }

    /** Whether the REST API and the console are served in the application's servlet container. */
    private boolean enabled = false;
    /** The path they are served under: <path>/api/v1, <path>/console, <path>/openapi.json. */
    private String path = "/hourglass";
    /** Who decides who may call them: the application's users and roles, or Hourglass's own API tokens. */
    private Auth auth = Auth.APPLICATION;
    /**
     * With auth=application, the role of requests without a signed-in user: none (refused, 401) unless set.
     * Anything but none lets anonymous callers in, so set it only where the path is not reachable by others.
     */
    private AnonymousRole anonymousRole = AnonymousRole.NONE;

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean value) { this.enabled = value; }
    public String getPath() { return path; }
    public void setPath(String value) { this.path = value; }
    public Auth getAuth() { return auth; }
    public void setAuth(Auth value) { this.auth = value; }
    public AnonymousRole getAnonymousRole() { return anonymousRole; }
    public void setAnonymousRole(AnonymousRole value) { this.anonymousRole = value; }

    /** The path, checked: a servlet mapping's prefix such as {@code /hourglass} or {@code /ops/jobs}. */
    String checkedPath() {
        if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalStateException("hourglass.web.path: must be one or more '/name' segments of letters,"
                    + " digits and . _ ~ - (such as /hourglass), without a trailing '/', was '" + path + "'");
        }
        return path;
    }
}
