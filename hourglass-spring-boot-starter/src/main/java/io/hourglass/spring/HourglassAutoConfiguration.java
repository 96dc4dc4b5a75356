package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.HourglassBuilder;
import io.hourglass.jdbc.JdbcStore;
import io.hourglass.schedule.Schedule;
import io.hourglass.store.Store;
import io.hourglass.task.Task;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * A Hourglass node in a Spring Boot application: a store on the application's {@link DataSource} (or the embedded
 * H2 database under {@code hourglass.data-dir} when it has none), a node built from the {@code hourglass.*}
 * properties with every {@link Task} bean and {@link HourglassTask} method, then every {@link HourglassCustomizer};
 * and a lifecycle that saves the declared schedules and starts the node with the context, and stops it gracefully
 * when the context closes. Each bean backs off when the application defines its own.
 *
 * <p>The node's schema is created or upgraded when the node is built (see {@link HourglassBuilder#build()}), in
 * the application's database, in tables of its own and with its own migration history table.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "hourglass", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(HourglassProperties.class)
public class HourglassAutoConfiguration {

    /**
     * The store: on the application's data source when it has one (it stays the application's to close). Made
     * after the application's own database initialization (Flyway, Liquibase, SQL scripts), so the application's
     * migrations meet the schema they expect before Hourglass adds its tables.
     */
    @Bean
    @ConditionalOnMissingBean(Store.class)
    @DependsOnDatabaseInitialization
    JdbcStore hourglassStore(ObjectProvider<DataSource> dataSource, HourglassProperties properties) {
        DataSource application = dataSource.getIfAvailable();
        return application != null ? JdbcStore.create(application) : JdbcStore.embedded(properties.getDataDir());
    }

    @Bean
    @ConditionalOnMissingBean(Hourglass.class)
    Hourglass hourglass(Store store, HourglassProperties properties, ObjectProvider<Task> tasks,
                        ObjectProvider<HourglassCustomizer> customizers, ConfigurableListableBeanFactory beans) {
        HourglassBuilder builder = Hourglass.builder().store(store);
        PropertiesToBuilder.apply(properties, builder);
        tasks.orderedStream().forEach(builder::task);
        TaskMethods.find(beans).forEach(builder::task);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean(HourglassLifecycle.class)
    HourglassLifecycle hourglassLifecycle(Hourglass hourglass, HourglassProperties properties,
                                          ObjectProvider<Schedule> schedules) {
        return new HourglassLifecycle(hourglass, properties, schedules);
    }
}
