package io.hourglass.http;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body while keeping only what an attempt can use: the head (for the output of a success) and a
 * short tail (for the error of a failure). A receiver that answers with gigabytes therefore costs bandwidth, not
 * heap. The rest is counted and dropped.
 */
final class BoundedBody implements BodySubscriber<BoundedBody.Captured> {
    /** How many characters of a failed response's end go into the attempt's error. */
    static final int ERROR_TAIL_CHARS = 500;
    private static final int TAIL_BYTES = ERROR_TAIL_CHARS * 4;

    /** What was kept of a body: {@code head} is cut at the limit; {@code truncated} says whether anything was. */
    record Captured(String head, boolean truncated, long totalBytes, String tail) {
    }

    private final int maxChars;
    private final int headLimit;
    private byte[] head;
    private final byte[] tailRing = new byte[TAIL_BYTES];
    private int headLength;
    private long totalBytes;
    private final CompletableFuture<Captured> result = new CompletableFuture<>();

    BoundedBody(int maxChars) {
        this.maxChars = maxChars;
        // A UTF-8 character takes at most 4 bytes, so this many bytes always hold maxChars characters.
        this.headLimit = (int) Math.min((long) maxChars * 4, Integer.MAX_VALUE - 8);
        this.head = new byte[Math.min(headLimit, 1024)];
    }

    @Override
    public CompletionStage<Captured> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            while (buffer.hasRemaining()) {
                byte b = buffer.get();
                if (headLength < headLimit) {
                    if (headLength == head.length) {
                        head = Arrays.copyOf(head, (int) Math.min((long) head.length * 2, headLimit));
                    }
                    head[headLength++] = b;
                }
                tailRing[(int) (totalBytes % TAIL_BYTES)] = b;
                totalBytes++;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        String decoded = new String(head, 0, headLength, StandardCharsets.UTF_8);
        boolean truncated = totalBytes > headLength || decoded.length() > maxChars;
        String kept = decoded.length() > maxChars ? decoded.substring(0, maxChars) : decoded;
        String tailSource = totalBytes > headLength ? decodeTail() : decoded;
        String tail = tailSource.length() > ERROR_TAIL_CHARS
                ? tailSource.substring(tailSource.length() - ERROR_TAIL_CHARS) : tailSource;
        result.complete(new Captured(kept, truncated, totalBytes, tail));
    }

    private String decodeTail() {
        int length = (int) Math.min(totalBytes, TAIL_BYTES);
        byte[] ordered = new byte[length];
        long start = totalBytes - length;
        for (int i = 0; i < length; i++) {
            ordered[i] = tailRing[(int) ((start + i) % TAIL_BYTES)];
        }
        return new String(ordered, StandardCharsets.UTF_8);
    }
}
