package io.hourglass.server.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.hourglass.server.auth.Viewer;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the console's templates. They are compiled at build time (jte-maven-plugin), so a broken template
 * fails the build, and this engine only loads the generated classes: nothing is compiled on the server.
 */
public final class Pages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final String base;
    private final String root;

    /**
     * @param base  where the console's routes are, in the web application ({@code /console})
     * @param mount what the browser's URLs of the web application start with: empty on the server, the mount
     *              path where the application serves it inside its own ({@code /hourglass})
     */
    public Pages(String base, String mount) {
        this.base = base;
        this.root = mount + base;
    }

    /** The console's path for declaring routes, relative to the web application. */
    public String base() {
        return base;
    }

    /** The console's path as the browser sees it: what links, redirects and the session cookie use. */
    public String root() {
        return root;
    }

    /** The frame for this request's viewer (null on the login page, before there is one). */
    public Chrome chrome(Context ctx, String title, String nav) {
        return new Chrome(root, title, nav, ctx.attribute(Viewer.ATTRIBUTE));
    }

    /** Template parameters from name, value pairs; a value may be null (an optional parameter left out). */
    public static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new java.util.HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    public void render(Context ctx, int status, String template, Map<String, Object> params) {
        ctx.status(status).contentType("text/html; charset=utf-8").header("Cache-Control", "no-store")
                .result(html(template, params));
    }

    /** A template rendered to a string: a fragment the live updates push. */
    public String html(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }

    public void render(Context ctx, String template, Map<String, Object> params) {
        render(ctx, 200, template, params);
    }

    /** After an action: back to a page with a line saying what happened (Post/Redirect/Get). */
    public void redirect(Context ctx, String path, String notice) {
        String target = root + path + (notice == null ? "" : (path.contains("?") ? "&" : "?") + "notice="
                + Fmt.url(notice));
        ctx.status(303).header("Location", target);
    }
}
