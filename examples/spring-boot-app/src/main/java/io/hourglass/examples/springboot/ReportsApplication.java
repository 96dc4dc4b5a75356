package io.hourglass.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with a Hourglass node inside: the starter builds the node on the embedded H2 database
 * (the application has no DataSource), {@link Reports} holds the task handlers, {@link ReportController} enqueues
 * from HTTP, and {@code application.yaml} declares the schedules.
 */
@SpringBootApplication
public class ReportsApplication {
    public static void main(String[] args) {
        SpringApplication.run(ReportsApplication.class, args);
    }
}
