package io.hourglass.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hourglass.executor.Secrets;
import io.hourglass.feed.FeedDocument;
import io.hourglass.feed.FeedReader.FeedUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A feed whose host never completes the TCP handshake: the poll fails when the connect timeout runs out and says
 * so, rather than reporting the poll's (longer) timeout as the one that ran out.
 */
class FeedConnectTimeoutTest {
    private final List<Socket> queued = new ArrayList<>();
    private ServerSocket listener;

    @AfterEach
    void close() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        listener.close();
    }

    @Test
    void aHandshakeThatNeverCompletesIsReportedAsTheConnectTimeout() throws IOException {
        String url = "http://127.0.0.1:" + fullListener() + "/accounts";
        HttpFeedReader reader = new HttpFeedReader(Clock.systemUTC(), Duration.ofMillis(300));

        assertThatThrownBy(() -> reader.read(FeedNode.accounts(url), FeedDocument.Validators.NONE,
                Secrets.of(Map.of("ACCOUNTS_TOKEN", FeedNode.SECRET)), Duration.ofSeconds(20)))
                .isInstanceOf(FeedUnavailableException.class)
                .hasMessageContaining("could not connect to " + url + " within PT0.3S")
                .hasMessageNotContaining("PT20S");
    }

    /**
     * A listener that never accepts, with its accept queue filled: Linux then drops further SYNs, so a new
     * connection waits in the handshake until its own timeout.
     */
    private int fullListener() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            queued.add(socket);
            try {
                socket.connect(address, 200);
            } catch (SocketTimeoutException full) {
                return listener.getLocalPort();
            }
        }
        throw new IllegalStateException("the accept queue never filled: 16 connections were accepted into it");
    }
}
