package io.hourglass.server.http;

import io.hourglass.server.auth.Access;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One route as declared on {@link Routes}: method, path, who may call it, and what the API docs say of it (a
 * summary, the query parameters it accepts, the record its body is read into, the records it answers with). The
 * docs are generated from these, so what a route documents is what it declares.
 *
 * @param query      the only query parameters the route accepts (others are a 400 before the handler runs),
 *                   unless {@code anyQuery}
 * @param body       the type the body is read into, or null for none
 * @param bodyMedia  the body's media type ({@code application/json}, or a form for the container-jobs API)
 * @param documented false for the docs' own routes, which {@code /openapi.json} leaves out
 */
public record RouteSpec(HandlerType method, String path, Access access, String summary, List<QueryParam> query,
                        boolean anyQuery, Type body, String bodyMedia, List<Answer> answers, boolean documented,
                        Handler handler) {

    public static final String JSON = "application/json";
    public static final String FORM = "application/x-www-form-urlencoded";

    /**
     * One answer a route gives: its status and the record it serializes (with the type arguments of a generic
     * one, e.g. {@code Items} of {@code JobView}), or none for an empty body.
     */
    public record Answer(int status, Type type, Type[] typeArguments, String media) {
    }

    /** "GET /api/v1/jobs": how errors and tests name the route. */
    public String describe() {
        return method + " " + path;
    }

    /** Declares a route's documentation; returned by {@link Routes#get} and the other methods. */
    public static final class Builder {
        private final HandlerType method;
        private final String path;
        private final Access access;
        private final Handler handler;
        private String summary;
        private final List<QueryParam> query = new ArrayList<>();
        private boolean anyQuery;
        private Type body;
        private String bodyMedia = JSON;
        private final List<Answer> answers = new ArrayList<>();
        private boolean documented = true;

        Builder(HandlerType method, String path, Access access, Handler handler) {
            this.method = method;
            this.path = path;
            this.access = access;
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** One line saying what the route does; required for every documented route. */
        public Builder summary(String value) {
            this.summary = value;
            return this;
        }

        /** The query parameters the route reads (through these objects); any other is refused. */
        public Builder query(List<QueryParam> params) {
            query.addAll(params);
            return this;
        }

        public Builder query(QueryParam... params) {
            return query(List.of(params));
        }

        /** Accepts query parameters it does not read (the container-jobs API, whose clients predate the rule). */
        public Builder anyQuery() {
            this.anyQuery = true;
            return this;
        }

        /** The JSON body is read into this type. */
        public Builder body(Type type) {
            this.body = type;
            return this;
        }

        /** The body is a form whose fields are this record's components. */
        public Builder formBody(Class<? extends Record> type) {
            this.body = type;
            this.bodyMedia = FORM;
            return this;
        }

        /** Answers 200 with this type (a generic one with its type arguments). */
        public Builder response(Type type, Type... typeArguments) {
            return response(200, type, typeArguments);
        }

        /** Answers {@code status} with this type, or with no body when {@code type} is null. */
        public Builder response(int status, Type type, Type... typeArguments) {
            answers.add(new Answer(status, type, typeArguments, JSON));
            return this;
        }

        /** Answers 200 with a body of this media type that is not JSON (metrics, the docs' pages). */
        public Builder responseText(String media) {
            answers.add(new Answer(200, String.class, new Type[0], media));
            return this;
        }

        /** Leaves the route out of {@code /openapi.json} (the docs' own routes). */
        public Builder undocumented() {
            this.documented = false;
            return this;
        }

        RouteSpec build() {
            if (access == null) {
                throw new IllegalStateException("bug: route " + method + " " + path + " declares no access (public,"
                        + " read, write or admin): every route says who may call it where it is registered");
            }
            if (documented && (summary == null || summary.isBlank())) {
                throw new IllegalStateException("bug: route " + method + " " + path + " has no summary");
            }
            if (documented && answers.isEmpty()) {
                throw new IllegalStateException("bug: route " + method + " " + path + " declares no response");
            }
            return new RouteSpec(method, path, access, summary, List.copyOf(query), anyQuery, body, bodyMedia,
                    List.copyOf(answers), documented, handler);
        }
    }
}
