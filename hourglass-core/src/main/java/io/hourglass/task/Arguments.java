package io.hourglass.task;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Typed reads of a job's arguments for {@link JobContext#arg(int, Class)} and {@link JobContext#kwarg(String, Class)}.
 * Arguments are stored as JSON, so what a handler gets back is what a JSON round trip makes of what was enqueued: a
 * {@code long} small enough comes back as an Integer, a {@code float} as a Double, a {@code 3.0} maybe as 3. The
 * conversions here undo exactly that (numbers to any number type when the value fits, exactly; enum constants from
 * their names) and nothing more: a string is never parsed as a number.
 */
final class Arguments {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(long.class, Long.class, int.class, Integer.class,
            double.class, Double.class, float.class, Float.class, short.class, Short.class, byte.class, Byte.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private Arguments() {
    }

    /** {@code value} as {@code type}; null stays null; {@code what} names the argument in the exception. */
    static <T> T convert(String what, Object value, Class<T> type) {
        @SuppressWarnings("unchecked")
        Class<T> boxed = (Class<T>) BOXES.getOrDefault(type, type);
        if (value == null || boxed.isInstance(value)) {
            return boxed.cast(value);
        }
        Object converted = null;
        if (value instanceof Number number) {
            converted = number(number, boxed);
        } else if (value instanceof String name && boxed.isEnum()) {
            converted = constant(name, boxed);
        }
        if (converted == null) {
            throw new IllegalArgumentException(what + ": expected " + type.getSimpleName() + ", got the "
                    + value.getClass().getSimpleName() + " " + preview(value));
        }
        return boxed.cast(converted);
    }

    private static Object number(Number number, Class<?> type) {
        if (type == Double.class) {
            return number.doubleValue();
        }
        if (type == Float.class) {
            return number.floatValue();
        }
        BigDecimal exact = exact(number);
        if (exact == null) {
            return null;
        }
        if (type == BigDecimal.class) {
            return exact;
        }
        BigInteger whole;
        try {
            whole = exact.toBigIntegerExact();
        } catch (ArithmeticException fraction) {
            return null;
        }
        if (type == BigInteger.class) {
            return whole;
        }
        if (type == Number.class) {
            return number;
        }
        long bits = whole.bitLength();
        if (type == Long.class && bits < 64) {
            return whole.longValue();
        }
        if (type == Integer.class && bits < 32) {
            return whole.intValue();
        }
        if (type == Short.class && bits < 16) {
            return whole.shortValue();
        }
        if (type == Byte.class && bits < 8) {
            return whole.byteValue();
        }
        return null;
    }

    private static BigDecimal exact(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return BigDecimal.valueOf(number.longValue());
    }

    private static Object constant(String name, Class<?> type) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(name)) {
                return constant;
            }
        }
        return null;
    }

    private static String preview(Object value) {
        String text = value instanceof String s ? '"' + s + '"' : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
