package io.hourglass.examples.springboot;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's own security, which also guards Hourglass's API and console at {@code /hourglass}: signing
 * in is the application's (a login form for browsers, HTTP Basic for scripts), and Hourglass reads what a user may
 * do from the roles HOURGLASS_ADMIN, HOURGLASS_WRITE and HOURGLASS_READ. Spring's CSRF tokens are left out under
 * {@code /hourglass} (Hourglass checks its console's forms and refuses cross-site writes itself) and for the
 * example's small JSON API.
 */
@Configuration
class Security {

    @Bean
    SecurityFilterChain filters(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.requestMatchers("/hourglass/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/hourglass/**", "/reports/**"))
                .build();
    }

    /** One operator; a real application has its own users, and grants them the roles. */
    @Bean
    UserDetailsService users(@Value("${example.ops-password}") String password) {
        return new InMemoryUserDetailsManager(
                User.withUsername("ops").password("{noop}" + password).roles("HOURGLASS_ADMIN").build());
    }
}
