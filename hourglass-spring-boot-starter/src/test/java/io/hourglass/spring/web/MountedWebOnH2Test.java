package io.hourglass.spring.web;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link MountedWebContract} on the in-memory H2 database Boot makes for the application. */
@SpringBootTest(classes = SecuredApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hourglass.web.enabled=true", "hourglass.poll-interval=100ms"})
class MountedWebOnH2Test extends MountedWebContract {
}
