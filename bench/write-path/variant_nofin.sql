-- Without the finished-time index on jobs (retention and the overview's recent counts read it).
DROP INDEX jobs_finished_ix;
