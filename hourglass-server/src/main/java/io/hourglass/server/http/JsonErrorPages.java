package io.hourglass.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * Jetty's own error answers, in the API's JSON instead of Jetty's HTML "Bad Message 400" page. Jetty answers
 * before any route runs when a request cannot be routed at all: a path with {@code %00}, a bad %-escape or
 * {@code ..} above the root, a malformed request line or header. Those errors reach neither the routes nor
 * {@link ErrorMapper}, so this handler writes them: {@link ApiError} for the REST API and, for the container-jobs
 * API ({@code /job}, {@code /jobs}), its own {@code {"message"}} shape. A request Jetty could not parse has no
 * trustworthy path; it gets {@link ApiError}, whose {@code message} the container-jobs clients read as well.
 */
final class JsonErrorPages extends ErrorHandler {
    private final ObjectMapper mapper;

    JsonErrorPages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The server's Jetty setup: these error pages, and the body limit as a filter in front of every route. Kept
     * here, with the rest that names Jetty's types, so that a Javalin application served in another container
     * ({@link HttpApp#forServlet}) never loads a Jetty class.
     */
    static void install(JavalinConfig config, ObjectMapper mapper, long maxBodyBytes) {
        config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPages(mapper)));
        config.jetty.modifyServletContextHandler(handler -> {
            handler.setErrorHandler(new JsonErrorPages(mapper));
            handler.addFilter(new FilterHolder(new BodyLimit(maxBodyBytes)), "/*", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true; // PUT, DELETE and PATCH get a body too, not only GET and POST
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message)
            throws IOException {
        byte[] body = mapper.writeValueAsBytes(ErrorMapper.isCompat(request.getRequestURI())
                ? Map.of("message", sentence(code, message))
                : new ApiError(ErrorMapper.codeFor(code), sentence(code, message), null));
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        baseRequest.setHandled(true);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        try {
            return ByteBuffer.wrap(mapper.writeValueAsString(new ApiError(ErrorMapper.codeFor(status),
                    sentence(status, reason), null)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("bug: an error body could not be written as JSON", e);
        }
    }

    private static String sentence(int status, String reason) {
        String why = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        return switch (status) {
            case 400 -> "the request is malformed and was not routed: " + why;
            // Jetty's request header buffer, 8 KiB by default, holds the request line and the headers
            case 414 -> "the request's URL is longer than the server reads (8 KiB with the headers): shorten the"
                    + " query, or filter in more requests";
            case 431 -> "the request's headers are larger than the server reads (8 KiB with the URL)";
            default -> why;
        };
    }
}
