-- Without the due-time index (the claim index holds the same rows in priority order).
DROP INDEX jobs_due_ix;
