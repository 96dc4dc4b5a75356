-- The lease index (state, lease_until) was rewritten by every claim and every completion (both change state and
-- lease_until) but read only by the lease reaper for the few running jobs; the claim index starts with state, so
-- it finds the running jobs as well, and the reaper sorts them by lease. Same version as on PostgreSQL (issue 11).
DROP INDEX jobs_lease_ix;
