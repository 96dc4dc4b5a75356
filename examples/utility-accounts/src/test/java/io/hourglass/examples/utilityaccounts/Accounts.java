package io.hourglass.examples.utilityaccounts;

import java.util.LinkedHashMap;
import java.util.Map;

/** Account objects as the accounts API sends them (after JSON parsing). */
final class Accounts {
    private Accounts() {
    }

    static Map<String, Object> newAccount(int id, String utility) {
        return account(id, utility, null);
    }

    static Map<String, Object> scrapedAccount(int id, String utility) {
        return account(id, utility, "2026-11-20T08:15:00Z");
    }

    static Map<String, Object> account(Object id, String utility, String lastScrapedAt) {
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("utility", utility);
        account.put("username", "user" + id + "@example.com");
        account.put("last_scraped_at", lastScrapedAt);
        return account;
    }
}
