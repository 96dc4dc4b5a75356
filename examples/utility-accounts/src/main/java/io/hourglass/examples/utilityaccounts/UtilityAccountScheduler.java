package io.hourglass.examples.utilityaccounts;

import io.hourglass.HourglassClient;
import io.hourglass.InvalidRequestException;
import io.hourglass.job.JobRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a list of utility accounts into scrape jobs: one per account, due as soon as possible, on the task of the
 * account's utility, with the account's fields as kwargs and {@code account:<id>} as dedup key. An account whose
 * previous job is still waiting or running gets no second one; once that job is finished, the account is
 * scheduled again.
 *
 * <p>A call is all or nothing: every account is checked before any job is enqueued, and the jobs are enqueued in
 * one batch.
 */
public final class UtilityAccountScheduler {

    private final HourglassClient hourglass;

    public UtilityAccountScheduler(HourglassClient hourglass) {
        this.hourglass = Objects.requireNonNull(hourglass, "hourglass");
    }

    /**
     * Schedules a scrape for each account.
     *
     * @throws InvalidRequestException naming the account (index and id) and the field, when the list or an
     *                                 account is null, an account has no {@code id}, or its {@code utility} is
     *                                 missing or unknown; nothing is scheduled then
     */
    public void schedule(List<Map<String, Object>> accounts) {
        InvalidRequestException.require(accounts != null, "accounts", "the account list must not be null");
        List<JobRequest> requests = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            requests.add(scrapeRequest(i, accounts.get(i)));
        }
        if (!requests.isEmpty()) {
            hourglass.enqueueAll(requests);
        }
    }

    private static JobRequest scrapeRequest(int index, Map<String, Object> account) {
        String at = "accounts[" + index + "]";
        InvalidRequestException.require(account != null, at, "account " + index + " is null");
        Object id = account.get("id");
        InvalidRequestException.require(id != null && !id.toString().isBlank(), at + ".id",
                "account " + index + " has no 'id'");
        Object utility = account.get("utility");
        Optional<Utility> known = Utility.fromCode(utility);
        InvalidRequestException.require(known.isPresent(), at + ".utility", "account " + index + " (id " + id + "): "
                + (utility == null ? "'utility' is missing" : "unknown 'utility' '" + utility + "'")
                + ", expected one of " + codes());
        return JobRequest.of(known.get().task())
                .kwargs(account)
                .dedupKey("account:" + id)
                .build();
    }

    private static List<String> codes() {
        return java.util.Arrays.stream(Utility.values()).map(Utility::code).toList();
    }
}
