-- The jobs table is a queue: a claim and a completion update every job, and each update leaves a dead row version
-- and dead entries at the low end of the claim and next-due indexes, where every claim and next-due read starts.
-- Until a vacuum removes them each of those reads walks past them all: in a soak at 1,000 jobs/s on a server with
-- autovacuum off, after 30 minutes (1.8 million jobs, 3.7 million dead row versions) a claim read 10,795 pages
-- (272 ms) to find 191 due jobs. PostgreSQL's autovacuum waits by default until a fifth of a table is dead, and with
-- history kept that is millions of rows; vacuum this table after a fixed number of dead rows instead, whatever its
-- size (issue 11).
ALTER TABLE jobs SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);
