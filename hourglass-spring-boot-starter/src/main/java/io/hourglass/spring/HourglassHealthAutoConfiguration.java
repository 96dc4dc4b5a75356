package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code hourglass} health indicator ({@code management.health.hourglass.enabled=false} turns it off), and
 * its place in the {@code readiness} group: a node whose store does not answer cannot take traffic that enqueues.
 * The group is Boot's availability probe ({@code management.endpoint.health.probes.enabled}, on by default on
 * Kubernetes) or one the application configures; this adds {@code hourglass} to it and changes nothing else.
 */
@AutoConfiguration(after = HourglassAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.availability.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Hourglass.class)
@ConditionalOnEnabledHealthIndicator("hourglass")
public class HourglassHealthAutoConfiguration {
    static final String CONTRIBUTOR = "hourglass";
    static final String READINESS = "readiness";

    @Bean
    @ConditionalOnMissingBean(name = "hourglassHealthIndicator")
    HourglassHealthIndicator hourglassHealthIndicator(Hourglass hourglass, Store store) {
        return new HourglassHealthIndicator(hourglass, store);
    }

    /** Runs after Boot's own post-processor that adds the probe groups (same order, registered later). */
    @Bean
    HealthEndpointGroupsPostProcessor hourglassJoinsReadiness() {
        return groups -> {
            HealthEndpointGroup readiness = groups.get(READINESS);
            if (readiness == null || readiness.isMember(CONTRIBUTOR)) {
                return groups;
            }
            Map<String, HealthEndpointGroup> additional = new LinkedHashMap<>();
            for (String name : groups.getNames()) {
                additional.put(name, groups.get(name));
            }
            additional.put(READINESS, new WithHourglass(readiness));
            return HealthEndpointGroups.of(groups.getPrimary(), additional);
        };
    }

    /** A group as it was, with {@code hourglass} as one more member. */
    private record WithHourglass(HealthEndpointGroup group) implements HealthEndpointGroup {
        @Override
        public boolean isMember(String name) {
            return CONTRIBUTOR.equals(name) || group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
