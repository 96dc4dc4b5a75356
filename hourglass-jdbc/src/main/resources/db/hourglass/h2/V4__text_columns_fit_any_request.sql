-- JSON text columns as large as H2 allows (CHARACTER VARYING without a length: 1,000,000,000 characters), as
-- PostgreSQL's text columns already are. V1 and V2 sized them at 1,000,000 characters, below what the server
-- accepts: a request body of up to 1 MiB whose arguments, re-written as JSON (1e6 becomes 1000000.0), came to
-- more than a million characters was refused by the database with a 500. The type stays CHARACTER VARYING, so rows
-- are stored and read exactly as before. error and output are written by the engine; they get the same type so
-- that no text column has a limit below another's.

ALTER TABLE jobs ALTER COLUMN args SET DATA TYPE CHARACTER VARYING;
ALTER TABLE jobs ALTER COLUMN kwargs SET DATA TYPE CHARACTER VARYING;
ALTER TABLE jobs ALTER COLUMN last_error SET DATA TYPE CHARACTER VARYING;
ALTER TABLE attempts ALTER COLUMN error SET DATA TYPE CHARACTER VARYING;
ALTER TABLE attempts ALTER COLUMN output SET DATA TYPE CHARACTER VARYING;
ALTER TABLE schedules ALTER COLUMN args SET DATA TYPE CHARACTER VARYING;
ALTER TABLE schedules ALTER COLUMN kwargs SET DATA TYPE CHARACTER VARYING;
ALTER TABLE hourglass_task_definitions ALTER COLUMN settings SET DATA TYPE CHARACTER VARYING;
