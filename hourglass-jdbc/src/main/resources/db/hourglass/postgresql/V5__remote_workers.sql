-- Remote workers (io.hourglass.worker.RemoteWorkers).
-- lease_ms is the lease the running attempt's claim asked for (a worker's pop, or a node's lease setting), in
-- whole milliseconds: a worker's heartbeat that names no lease extends by it, so a long lease stays long, on
-- whichever node of a cluster the heartbeat arrives and across restarts. Jobs running at the upgrade get the lease
-- of their claim as far as it can be told (from start to expiry: exact unless renewed since); others keep NULL
-- until claimed.
ALTER TABLE jobs ADD COLUMN lease_ms bigint;
UPDATE jobs SET lease_ms = (EXTRACT(EPOCH FROM (lease_until - started_at)) * 1000)::bigint
WHERE state = 'running' AND lease_until IS NOT NULL AND started_at IS NOT NULL;

-- When each remote worker was last seen popping from a queue, or heartbeating or completing any job: one row per
-- (worker, queue), shared by every node. Rows not seen for a day are deleted by the history purger.
CREATE TABLE workers (
    name             varchar(200) NOT NULL,
    queue            varchar(200) NOT NULL,
    first_seen_at    timestamptz  NOT NULL,
    last_seen_at     timestamptz  NOT NULL,
    PRIMARY KEY (name, queue)
);
CREATE INDEX workers_last_seen_ix ON workers (last_seen_at);
