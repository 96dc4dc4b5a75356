package io.hourglass.jdbc;

/**
 * The store contract, run against each database by a subclass ({@link H2StoreTest}, {@link PostgresStoreTest}).
 * One store per class, migrated once; every test starts from empty tables. The tests are split by topic into a
 * chain of abstract classes so each file stays short: jobs ({@link JobContract}), claims, completion and leases
 * ({@link ClaimContract}), schedules, queues and retention ({@link ScheduleContract}), counts for stats
 * ({@link StatsContract}), task definitions ({@link TaskDefinitionContract}), remote workers' leases and
 * sightings ({@link WorkerContract}), schedules' change history ({@link ScheduleChangeContract}), feeds, validators
 * and polls ({@link FeedContract}), matrix cells, expiry and reclassified attempts ({@link MatrixContract}), bulk
 * reads and cancels ({@link BulkContract}), batch inserts on every path ({@link InsertContract}), on
 * {@link StoreFixture}.
 */
abstract class StoreContractTest extends InsertContract {
}
