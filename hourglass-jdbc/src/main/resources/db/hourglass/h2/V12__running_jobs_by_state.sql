-- H2 has no partial indexes, so jobs_owner_ix held every job a node ever ran (a finished job keeps its owner for
-- the history), and the heartbeat's reads of the node's running jobs (WHERE owner = ? AND state = 'running',
-- twice per beat, the first FOR UPDATE) walked the node's whole history through it: 100,001 rows per statement
-- after a 100,000-job burn-down, a second each, holding the running jobs' row locks while completions waited
-- (H2's lock timeout). Without it those reads take a state-first index (claim, due or expiry) and read only the
-- running jobs, as PostgreSQL's partial owner index does; a claim no longer writes an owner index entry either.
-- Reads by node over all states (the jobs list's node filter) walk the primary key, newest first.
DROP INDEX jobs_owner_ix;
