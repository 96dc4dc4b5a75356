package io.hourglass.celery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kombu's Redis envelope and its priority lists (kombu 5.2, kombu/transport/redis.py). */
class KombuEnvelopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hourglassPriorityIsInvertedBecauseKombuRunsLowerNumbersFirstOnRedis() {
        assertThat(KombuEnvelope.kombuPriority(9)).isZero();
        assertThat(KombuEnvelope.kombuPriority(100)).isZero();
        assertThat(KombuEnvelope.kombuPriority(0)).isEqualTo(9);
        assertThat(KombuEnvelope.kombuPriority(-5)).isEqualTo(9);
        assertThat(KombuEnvelope.kombuPriority(5)).isEqualTo(4);
    }

    @Test
    void kombuPriorityIsRoundedDownToItsStepsList() {
        assertThat(KombuEnvelope.listFor("celery", 0)).isEqualTo("celery");
        assertThat(KombuEnvelope.listFor("celery", 2)).isEqualTo("celery");
        assertThat(KombuEnvelope.listFor("celery", 3)).isEqualTo("celery\u0006\u00163");
        assertThat(KombuEnvelope.listFor("celery", 5)).isEqualTo("celery\u0006\u00163");
        assertThat(KombuEnvelope.listFor("celery", 8)).isEqualTo("celery\u0006\u00166");
        assertThat(KombuEnvelope.listFor("celery", 9)).isEqualTo("celery\u0006\u00169");
    }

    @Test
    void envelopeHasTheBase64BodyAndTheMandatoryDeliveryInfoAndTag() throws Exception {
        CeleryMessage message = new CeleryMessageBuilder(CelerySettings.builder().fireAndForget(true).build(), JSON)
                .build("add", "id-1", List.of(2, 3), Map.of(), 0, Instant.EPOCH);

        JsonNode envelope = JSON.valueToTree(KombuEnvelope.of(message, 9, "tag-1"));

        assertThat(new String(Base64.getDecoder().decode(envelope.get("body").asText()), StandardCharsets.UTF_8))
                .isEqualTo(message.bodyText());
        assertThat(envelope.get("content-type").asText()).isEqualTo("application/json");
        assertThat(envelope.get("content-encoding").asText()).isEqualTo("utf-8");
        assertThat(envelope.at("/headers/task").asText()).isEqualTo("add");
        JsonNode properties = envelope.get("properties");
        assertThat(properties.get("correlation_id").asText()).isEqualTo("id-1");
        assertThat(properties.get("delivery_mode").asInt()).isEqualTo(2);
        assertThat(properties.get("priority").asInt()).isEqualTo(9);
        assertThat(properties.get("body_encoding").asText()).isEqualTo("base64");
        assertThat(properties.get("delivery_tag").asText()).isEqualTo("tag-1");
        assertThat(properties.at("/delivery_info/exchange").asText()).isEmpty();
        assertThat(properties.at("/delivery_info/routing_key").asText()).isEqualTo("celery");
    }
}
