package io.hourglass.http;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a {@link WebhookExecutor} puts on each request when the settings have an HMAC secret, so a
 * receiver can tell the call came from this scheduler and was not replayed long after.
 *
 * <p>The scheme, for receivers in any language:
 * <ol>
 *   <li>Header {@value #TIMESTAMP_HEADER}: the send time in whole seconds since the Unix epoch, e.g.
 *       {@code 1767225600}.</li>
 *   <li>Signed bytes: the timestamp as ASCII digits, one {@code .} (0x2E), then the request body bytes exactly as
 *       received (empty for GET and HEAD).</li>
 *   <li>Header {@value #DEFAULT_SIGNATURE_HEADER} (name configurable): {@code sha256=} followed by the lower-case
 *       hex of HMAC-SHA256 over the signed bytes, keyed with the secret's UTF-8 bytes.</li>
 * </ol>
 * A receiver recomputes the HMAC, compares in constant time, and rejects timestamps outside its tolerance (five
 * minutes is usual) so that a captured request cannot be replayed. In Python:
 * <pre>{@code
 * expected = "sha256=" + hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
 * ok = hmac.compare_digest(expected, signature) and abs(time.time() - int(ts)) < 300
 * }</pre>
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Hourglass-Timestamp";
    public static final String DEFAULT_SIGNATURE_HEADER = "X-Hourglass-Signature";
    public static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The signature header value for {@code body} sent at {@code epochSeconds}. */
    public static String sign(byte[] secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("bug: HmacSHA256 is required of every Java runtime", e);
        }
    }

    /**
     * True when {@code signature} is the one {@link #sign} gives for these values. Compares in constant time. The
     * timestamp's age is the receiver's to judge.
     */
    public static boolean verify(byte[] secret, String timestampHeader, byte[] body, String signature) {
        if (timestampHeader == null || signature == null || !timestampHeader.matches("\\d{1,19}")) {
            return false;
        }
        String expected = sign(secret, Long.parseLong(timestampHeader), body);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
