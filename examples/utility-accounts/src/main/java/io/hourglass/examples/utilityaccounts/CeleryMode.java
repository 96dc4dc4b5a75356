package io.hourglass.examples.utilityaccounts;

import io.hourglass.InvalidRequestException;
import io.hourglass.celery.CelerySettings;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses where the scrapes run, from the environment. With {@value #BROKER_URL} set, they run on Celery workers
 * (the worker app is {@code src/main/python/scrapers.py}); without it, in this JVM. The variables are the ones the
 * worker app reads too, so one environment configures both sides.
 *
 * <ul>
 *   <li>{@value #BROKER_URL}: {@code redis://host:6379/0} or {@code amqp://user:pass@host:5672//}</li>
 *   <li>{@value #RESULT_BACKEND}: {@code redis://host:6379/1}, required with a broker</li>
 *   <li>{@value #QUEUE}: the Celery queue the workers consume ({@code -Q}), default {@value ScrapeTasks#QUEUE}</li>
 * </ul>
 */
public final class CeleryMode {
    public static final String BROKER_URL = "CELERY_BROKER_URL";
    public static final String RESULT_BACKEND = "CELERY_RESULT_BACKEND";
    public static final String QUEUE = "CELERY_QUEUE";

    private CeleryMode() {
    }

    /**
     * The Celery settings the environment asks for, or empty for in-process scrapes.
     *
     * @throws InvalidRequestException naming the variable, when only one of broker and result backend is set or
     *                                 a value is not a URL Celery mode accepts
     */
    public static Optional<CelerySettings> fromEnv(Map<String, String> env) {
        String broker = value(env, BROKER_URL);
        String backend = value(env, RESULT_BACKEND);
        if (broker == null) {
            InvalidRequestException.require(backend == null, BROKER_URL,
                    RESULT_BACKEND + " is set but " + BROKER_URL + " is not: set both for Celery mode, or neither");
            return Optional.empty();
        }
        InvalidRequestException.require(backend != null, RESULT_BACKEND,
                BROKER_URL + " is set but " + RESULT_BACKEND + " is not: Celery mode reads each scrape's result "
                        + "from a Redis result backend, e.g. redis://127.0.0.1:6379/1");
        String queue = value(env, QUEUE);
        try {
            return Optional.of(CelerySettings.builder()
                    .brokerUrl(broker)
                    .resultBackendUrl(backend)
                    .queue(queue != null ? queue : ScrapeTasks.QUEUE)
                    .build());
        } catch (InvalidRequestException e) {
            String rule = e.getMessage().substring(e.field() == null ? 0 : e.field().length() + 2);
            throw new InvalidRequestException(variable(e.field()), rule);
        }
    }

    private static String variable(String settingsField) {
        return settingsField == null ? null : switch (settingsField) {
            case "brokerUrl" -> BROKER_URL;
            case "resultBackendUrl" -> RESULT_BACKEND;
            case "queue" -> QUEUE;
            default -> settingsField;
        };
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
