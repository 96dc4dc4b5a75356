package io.hourglass.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageAllowListTest {

    @Test
    void emptyListAllowsNothing() {
        assertThat(new ImageAllowList(List.of()).allows("localhost/app:1")).isFalse();
    }

    @Test
    void starMatchesWithinOnePathSegment() {
        ImageAllowList list = new ImageAllowList(List.of("localhost/*"));

        assertThat(list.allows("localhost/app")).isTrue();
        assertThat(list.allows("localhost/app:1.2")).isTrue();
        assertThat(list.allows("localhost/team/app")).isFalse();
        assertThat(list.allows("evil.example/localhost/app")).isFalse();
    }

    @Test
    void untaggedImagesMatchTagPatternsAsLatest() {
        ImageAllowList list = new ImageAllowList(List.of("myorg/*:*"));

        assertThat(list.allows("myorg/scraper:2.1")).isTrue();
        assertThat(list.allows("myorg/scraper")).isTrue();
        assertThat(list.allows("otherorg/scraper:2.1")).isFalse();
    }

    @Test
    void exactNamesAndLeadingStarsWork() {
        ImageAllowList list = new ImageAllowList(List.of("busybox:1.36", "*:stable"));

        assertThat(list.allows("busybox:1.36")).isTrue();
        assertThat(list.allows("busybox:1.37")).isFalse();
        assertThat(list.allows("postgres:stable")).isTrue();
        assertThat(list.allows("library/postgres:stable")).isFalse();
    }

    @Test
    void defaultTagIsAddedOnlyWithoutTagOrDigest() {
        assertThat(ImageAllowList.withDefaultTag("app")).isEqualTo("app:latest");
        assertThat(ImageAllowList.withDefaultTag("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageAllowList.withDefaultTag("app:1")).isEqualTo("app:1");
        assertThat(ImageAllowList.withDefaultTag("app@sha256:ab")).isEqualTo("app@sha256:ab");
    }
}
