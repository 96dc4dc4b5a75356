package io.hourglass.jdbc;

import java.time.Instant;

/**
 * How a dialect tells other nodes of jobs that a store transaction committed, after the commit (the store's own
 * transactions: group commit and bulk calls). PostgreSQL's is {@link PgNotifier}; where one process owns the
 * database there is nobody to tell ({@link #NONE}).
 */
interface JobNotices extends AutoCloseable {
    /** Nobody else to tell (H2). */
    JobNotices NONE = new JobNotices() {
        @Override
        public void jobsCommitted(Instant due, Instant now) {
        }

        @Override
        public void close() {
        }
    };

    /** Jobs due at {@code due} or later were committed at {@code now} (the enqueuing node's clock). */
    void jobsCommitted(Instant due, Instant now);

    /** Sends what is still to tell, then stops. */
    @Override
    void close();
}
