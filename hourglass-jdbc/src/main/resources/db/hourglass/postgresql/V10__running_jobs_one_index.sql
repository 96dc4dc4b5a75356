-- A claim and a completion each write a new row version into every index of jobs (state is in the partial
-- indexes' predicates, so neither update can be HOT). The lease index was one of those written on every claim but
-- read only by the lease reaper, every half lease, for the few running jobs: the owner index on running jobs
-- serves that read as well (it holds exactly the running jobs; the reaper sorts them by lease), and heartbeats,
-- which change only lease_until, no longer touch any index. Measured in docs/benchmarks.md (issue 11).
DROP INDEX jobs_lease_ix;
