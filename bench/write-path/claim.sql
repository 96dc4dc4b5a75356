-- A claim of 250 due jobs as PostgresDialect sends it (the claimant and times as literals).
UPDATE jobs SET state = 'running', owner = 'n1', lease_until = now() + interval '30 s', lease_ms = 30000, started_at = now(), attempts = attempts + 1
 WHERE id IN (SELECT id FROM jobs WHERE state = 'scheduled' AND due_at <= now() AND (expires_at IS NULL OR expires_at > now())
   ORDER BY state, priority DESC, due_at, id LIMIT 250 FOR UPDATE SKIP LOCKED) RETURNING id, task, args;
