package io.hourglass.spring.web;

import io.hourglass.spring.HourglassTask;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;

/**
 * A Boot web application with Spring Security in front of the mounted API and console, as docs/spring-boot.md
 * shows it: HTTP Basic, three users (an operator with HOURGLASS_ADMIN, a viewer with HOURGLASS_READ, and a user
 * of the application with no Hourglass role), and Spring's CSRF tokens left to Hourglass under its path.
 */
@SpringBootApplication
public class SecuredApp {
    static final String PASSWORD = "secret";

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/hourglass/**").authenticated()
                        .anyRequest().permitAll())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/hourglass/**"))
                .build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("ops").password("{noop}" + PASSWORD).roles("HOURGLASS_ADMIN").build(),
                User.withUsername("viewer").password("{noop}" + PASSWORD).roles("HOURGLASS_READ").build(),
                User.withUsername("stranger").password("{noop}" + PASSWORD).roles("USER").build());
    }

    @Component
    static class Greeter {
        @HourglassTask("web-greet")
        void greet() {
        }
    }
}
