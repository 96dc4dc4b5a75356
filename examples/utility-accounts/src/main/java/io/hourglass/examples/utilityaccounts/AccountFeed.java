package io.hourglass.examples.utilityaccounts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Fetches the account list: {@code GET <base>/account/}, a JSON array of account objects. */
public final class AccountFeed {
    private static final TypeReference<List<Map<String, Object>>> ACCOUNTS = new TypeReference<>() {
    };
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI accounts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl the API root, e.g. {@code https://accounts.example.com/api} */
    public AccountFeed(String baseUrl) {
        this.accounts = URI.create(baseUrl.endsWith("/") ? baseUrl + "account/" : baseUrl + "/account/");
    }

    public URI uri() {
        return accounts;
    }

    /** The current account list; an HTTP status other than 200 or a body that is not a JSON array throws. */
    public List<Map<String, Object>> fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(accounts).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + accounts + " answered HTTP " + response.statusCode());
        }
        return json.readValue(response.body(), ACCOUNTS);
    }
}
