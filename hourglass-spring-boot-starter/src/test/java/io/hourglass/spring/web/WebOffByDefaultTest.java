package io.hourglass.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Without hourglass.web.enabled nothing is mounted: the path is the application's, and it has nothing there. */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebOffByDefaultTest {
    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void nothingIsServedUnderThePathUnlessEnabled() throws Exception {
        WebClient ops = WebClient.as(port, "ops", SecuredApp.PASSWORD);
        assertThat(ops.get("/hourglass/api/v1/jobs").statusCode()).isEqualTo(404);
        assertThat(ops.get("/hourglass/console").statusCode()).isEqualTo(404);
        assertThat(context.getBeansOfType(ServletRegistrationBean.class)).doesNotContainKey("hourglassWebServlet");
    }
}
