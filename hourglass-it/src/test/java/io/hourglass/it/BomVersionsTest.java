package io.hourglass.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * hourglass-bom has no parent (so users get only what it lists), which means its versions are written out twice:
 * this keeps them equal to the build's, and keeps every published module in it (a module whose pom skips deploy
 * is not published).
 */
class BomVersionsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void bomNamesTheVersionsTheProjectBuildsAndTestsWith() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("hourglass-bom/pom.xml"));

        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(child(parent.getDocumentElement(), "version"));
        for (String property : List.of("jackson.version", "h2.version", "postgresql.version")) {
            assertThat(property(bom, property)).as(property).isEqualTo(property(parent, property));
        }
    }

    @Test
    void bomListsEveryPublishedModule() throws Exception {
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith("hourglass-"))
                    .filter(dir -> Files.exists(dir.resolve("src/main")))
                    .filter(dir -> !unpublished(dir))
                    .forEach(dir -> modules.add(dir.getFileName().toString()));
        }
        Set<String> listed = new TreeSet<>();
        NodeList artifacts = read(ROOT.resolve("hourglass-bom/pom.xml")).getElementsByTagName("artifactId");
        for (int i = 0; i < artifacts.getLength(); i++) {
            listed.add(artifacts.item(i).getTextContent());
        }

        assertThat(modules).isNotEmpty();
        assertThat(listed).containsAll(modules);
    }

    /** A module for the project's own tests (hourglass-test-support) is never deployed, so not in the BOM. */
    private static boolean unpublished(Path module) {
        try {
            return Files.readString(module.resolve("pom.xml")).contains("<maven.deploy.skip>true</maven.deploy.skip>");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Document read(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File(pom.toString()));
    }

    private static String property(Document pom, String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().trim();
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }
}
