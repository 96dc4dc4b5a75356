package io.hourglass.unsecured;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** hourglass.web.anonymous-role=read lets requests without a user read, and only read. */
@SpringBootTest(classes = PlainApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.web.enabled=true", "hourglass.web.anonymous-role=read"})
class AnonymousReadersTest {
    @LocalServerPort
    int port;

    @Test
    void anonymousRequestsReadButDoNotWrite() throws Exception {
        assertThat(MountedWithoutSecurityTest.send(port, "GET", "/hourglass/api/v1/jobs", null).statusCode())
                .isEqualTo(200);
        var write = MountedWithoutSecurityTest.send(port, "POST", "/hourglass/api/v1/jobs",
                MountedWithoutSecurityTest.JOB);
        assertThat(write.statusCode()).isEqualTo(401);
        assertThat(write.body()).contains("HOURGLASS_WRITE");
    }
}
