package io.hourglass.examples.utilityaccounts;

import java.util.Map;

/** Scrapes one account of one utility. Throwing fails the attempt; Hourglass records it. */
@FunctionalInterface
public interface AccountScraper {
    void scrape(Utility utility, Map<String, Object> account) throws Exception;
}
