package io.hourglass.spring;

import io.hourglass.Hourglass;
import io.hourglass.server.HourglassWeb;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The REST API and the operators' console inside the application, when {@code hourglass.web.enabled=true}: the
 * server's own web application ({@link HourglassWeb}, with {@code hourglass-server} on the classpath) as a servlet
 * of the application's container under {@code hourglass.web.path}, on the application's node. Requests pass the
 * application's filters first, its security among them; then {@link HourglassWebServlet} decides what the caller
 * may do (see {@link HourglassWebProperties.Auth}). Off by default: nothing is served that the application did
 * not ask for.
 */
@AutoConfiguration(after = HourglassAutoConfiguration.class)
@ConditionalOnClass({HourglassWeb.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "hourglass.web", name = "enabled", havingValue = "true")
@ConditionalOnBean(Hourglass.class)
@EnableConfigurationProperties({HourglassProperties.class, HourglassWebProperties.class})
public class HourglassWebAutoConfiguration {

    /** Mapped to {@code <path>/*}, started with the container so that a broken setup stops the start. */
    @Bean
    ServletRegistrationBean<HourglassWebServlet> hourglassWebServlet(Hourglass hourglass, HourglassProperties node,
            HourglassWebProperties web, ObjectProvider<MeterRegistry> meters) {
        String path = web.checkedPath();
        HourglassWebServlet servlet = new HourglassWebServlet(hourglass, web, node.getDataDir(),
                meters.getIfAvailable());
        ServletRegistrationBean<HourglassWebServlet> registration = new ServletRegistrationBean<>(servlet,
                path + "/*");
        registration.setName("hourglass");
        registration.setLoadOnStartup(1);
        registration.setAsyncSupported(true); // the console's event streams
        return registration;
    }

    /**
     * Ends the console's event streams when the application begins to stop. Its phase is the default one, so it
     * stops before the web server's graceful shutdown (a lower phase), which waits for open requests: with a
     * console page open somewhere, that wait would last the whole grace period (30 s by default) at every stop.
     */
    @Bean
    SmartLifecycle hourglassWebLiveStreams(ServletRegistrationBean<HourglassWebServlet> hourglassWebServlet) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                hourglassWebServlet.getServlet().endLiveStreams();
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
