package io.hourglass.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.hourglass.internal.Durations;
import io.hourglass.internal.Instants;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The one JSON configuration of the server: ISO-8601 instants, strict about unknown fields, bad types and
 * duplicate keys. Durations are read the way settings and task definitions write them ({@link Durations}: "30s",
 * "5m", or ISO-8601), so every duration in the API takes the same forms and has the same range; instants must be
 * within {@link Instants}' range; numbers must be finite ({@code 1e400} is refused, not stored as Infinity).
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .setSerializationInclusion(JsonInclude.Include.ALWAYS)
                .registerModule(new SimpleModule("hourglass-values")
                        .addDeserializer(Duration.class, new DurationDeserializer())
                        .addDeserializer(Instant.class, new RangedInstantDeserializer())
                        // untyped values (args, kwargs, settings) read numbers with the Number deserializer
                        .addDeserializer(Number.class, new FiniteNumberDeserializer<>(Number.class))
                        .addDeserializer(Double.class, new FiniteNumberDeserializer<>(Double.class)));
        // a number or boolean where a string belongs is a client mistake, not something to quietly convert
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /**
     * A value of the right type that breaks a rule (out of range, not finite); its message is the whole rule, as
     * the error answer states it.
     */
    public static final class InvalidValueException extends InvalidFormatException {
        InvalidValueException(JsonParser parser, String rule, Object value, Class<?> type) {
            super(parser, rule, value, type);
        }
    }

    /** Registered after the JavaTimeModule, so it replaces that module's ISO-only reading of durations. */
    private static final class DurationDeserializer extends StdScalarDeserializer<Duration> {
        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Duration) context.handleUnexpectedToken(Duration.class, parser);
            }
            String text = parser.getText();
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException(parser, e.getMessage(), text, Duration.class);
            }
        }
    }

    /** The JavaTimeModule's reading of instants, then the range check. */
    private static final class RangedInstantDeserializer extends StdScalarDeserializer<Instant> {
        RangedInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant value = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (value != null && !Instants.inRange(value)) {
                throw new InvalidValueException(parser, Instants.outOfRange(value), parser.getText(), Instant.class);
            }
            return value;
        }
    }

    /** Numbers as Jackson reads them, except that one too large for a double (1e400) is refused. */
    private static final class FiniteNumberDeserializer<T> extends StdScalarDeserializer<T> {
        FiniteNumberDeserializer(Class<T> type) {
            super(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT && handledType() == Number.class) {
                return (T) parser.getNumberValue(); // whole numbers stay exact, however large
            }
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            double value = parser.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new InvalidValueException(parser, "must be a finite number (at most about 1.8e308), was "
                        + parser.getText(), parser.getText(), handledType());
            }
            return (T) Double.valueOf(value);
        }
    }
}
