package io.hourglass.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The mount path is checked where it is read, naming the property and the rule. */
class HourglassWebPropertiesTest {
    @Test
    void thePathIsOffByDefaultAtHourglassAndMustBeSegments() {
        HourglassWebProperties web = new HourglassWebProperties();
        assertThat(web.isEnabled()).isFalse();
        assertThat(web.checkedPath()).isEqualTo("/hourglass");
        assertThat(web.getAuth()).isEqualTo(HourglassWebProperties.Auth.APPLICATION);
        assertThat(web.getAnonymousRole()).isEqualTo(HourglassWebProperties.AnonymousRole.NONE);
        web.setPath("/ops/jobs");
        assertThat(web.checkedPath()).isEqualTo("/ops/jobs");
        for (String bad : new String[] {"/", "hourglass", "/hourglass/", "/a b", "/x/*"}) {
            web.setPath(bad);
            assertThatThrownBy(web::checkedPath).hasMessageStartingWith("hourglass.web.path: must be")
                    .hasMessageContaining("was '" + bad + "'");
        }
    }
}
