package io.hourglass.shell;

import io.hourglass.InvalidRequestException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves allow-list entries once, when settings are built, so that what runs later is a fixed absolute path:
 * a changed PATH (the child's, or a job's) cannot swap in another program with the same name.
 */
final class Executables {
    private Executables() {
    }

    static Path resolve(String field, String entry) {
        InvalidRequestException.require(entry != null && !entry.isBlank() && entry.indexOf('\0') < 0, field,
                "executable must not be blank");
        if (entry.contains("/")) {
            Path path = Path.of(entry);
            InvalidRequestException.require(path.isAbsolute(), field,
                    "'" + entry + "' must be an absolute path or a bare name looked up on PATH");
            return path.normalize();
        }
        String searchPath = System.getenv("PATH");
        if (searchPath != null) {
            for (String dir : searchPath.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, entry);
                if (candidate.isAbsolute() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new InvalidRequestException(field, "'" + entry + "' was not found on PATH (" + searchPath + ")");
    }

    static void checkEnvName(String field, String name) {
        InvalidRequestException.require(name != null && name.matches("[A-Za-z_][A-Za-z0-9_]*"), field,
                "'" + name + "' is not a valid environment variable name (letters, digits, _; not starting with "
                        + "a digit)");
    }
}
