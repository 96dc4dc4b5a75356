package io.hourglass.spring;

import io.hourglass.HourglassBuilder;

/**
 * A last word on the node the starter builds: every {@code HourglassCustomizer} bean is called, in
 * {@link org.springframework.core.annotation.Order} order, with the builder after the {@code hourglass.*}
 * properties and the task beans were applied and before {@link HourglassBuilder#build()}. Use it for what
 * properties cannot say: a clock, executor types, secrets, listeners.
 *
 * <pre>{@code
 * @Bean
 * HourglassCustomizer webhooks() {
 *     return builder -> builder.executorType(new WebhookExecutorType());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HourglassCustomizer {
    void customize(HourglassBuilder builder);
}
