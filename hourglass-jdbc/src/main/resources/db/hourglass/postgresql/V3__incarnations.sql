-- Leases are fenced per incarnation: a job's owner (and an attempt's) is "<node name>#<start id>", up to 209
-- characters for a 200-character node name, so the owner columns grow (a metadata-only change on PostgreSQL).
-- A node's row keeps its current incarnation (a restart under the same name replaces it and resets started_at)
-- and the tasks it runs, as a JSON array of names, for the overdue view and enqueue's unknown-task check.
-- A schedule may skip a fire while its previous job is pending (skip_if_pending); skipped_count counts those.
-- allow_unknown_task records that the schedule was saved for a task no node knew (e.g. one remote workers run).
ALTER TABLE jobs ALTER COLUMN owner TYPE varchar(250);
ALTER TABLE attempts ALTER COLUMN owner TYPE varchar(250);
ALTER TABLE nodes ADD COLUMN incarnation varchar(250);
ALTER TABLE nodes ADD COLUMN tasks text;
ALTER TABLE schedules ADD COLUMN skip_if_pending boolean NOT NULL DEFAULT false;
ALTER TABLE schedules ADD COLUMN skipped_count bigint NOT NULL DEFAULT 0;
ALTER TABLE schedules ADD COLUMN allow_unknown_task boolean NOT NULL DEFAULT false;
