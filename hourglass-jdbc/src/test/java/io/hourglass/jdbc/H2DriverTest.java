package io.hourglass.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * H2 is an optional dependency of hourglass-jdbc: asking for the embedded store without it fails saying what to
 * add, instead of a driver lookup error.
 */
class H2DriverTest {
    @Test
    void withoutH2OnTheClasspathTheEmbeddedStoreSaysWhatToAdd() {
        ClassLoader withoutH2 = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.h2.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };

        assertThatThrownBy(() -> H2Dialect.requireDriver(withoutH2))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("needs H2 on the classpath")
                .hasMessageContaining("com.h2database:h2")
                .hasMessageContaining("hourglass-bom");
    }

    @Test
    void withH2OnTheClasspathNothingIsSaid() {
        assertThatCode(() -> H2Dialect.requireDriver(getClass().getClassLoader())).doesNotThrowAnyException();
    }
}
