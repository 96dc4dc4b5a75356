package io.hourglass.docker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which images the container executor may run, as glob patterns: {@code *} stands for any run of characters
 * except {@code /}, so {@code localhost/*} allows every image under {@code localhost/} and {@code myorg/*:*} every
 * tagged image under {@code myorg/}. An image written without a tag or digest is also tried as {@code name:latest},
 * which is what the engine runs. An empty list allows nothing: running arbitrary images is a decision an operator
 * makes explicitly.
 */
final class ImageAllowList {
    private final List<String> patterns;
    private final List<Pattern> compiled;

    ImageAllowList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.compiled = this.patterns.stream().map(ImageAllowList::compile).toList();
    }

    boolean allows(String image) {
        String tagged = withDefaultTag(image);
        return compiled.stream().anyMatch(p -> p.matcher(image).matches() || p.matcher(tagged).matches());
    }

    List<String> patterns() {
        return patterns;
    }

    /** {@code name} as the engine resolves it: {@code :latest} added when there is neither tag nor digest. */
    static String withDefaultTag(String image) {
        int slash = image.lastIndexOf('/');
        String last = image.substring(slash + 1);
        return last.contains(":") || last.contains("@") ? image : image + ":latest";
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
