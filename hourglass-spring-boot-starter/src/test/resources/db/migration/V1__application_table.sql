-- The application's own migration, run by Spring Boot's Flyway beside Hourglass's (PostgresStarterTest).
CREATE TABLE application_notes (id BIGINT PRIMARY KEY, note TEXT NOT NULL);
