package io.github.blockwatch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The programs some tests run beside blockwatch (iprange as a reference, chromium for the dashboard, kcat,
 * curl and jq for the README's examples …), looked up on {@code PATH} as a shell would, never at a fixed
 * place. A missing one fails the test with one line naming the Debian package; {@code ./test} installs them
 * all when it can (see its list, which names the same packages).
 */
public final class Tools {
    private Tools() {}

    /** The program {@code name} on {@code PATH}; fails the test with what to install when it is not there. */
    public static Path require(String name, String debianPackage) {
        return find(name).orElseThrow(() -> new AssertionError(missing(name, debianPackage)));
    }

    /** The program {@code name} on {@code PATH}, if it is there. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code iprange is not on PATH: install it (Debian: apt-get install iprange), or run ./test, which does}. */
    public static String missing(String name, String debianPackage) {
        return name + " is not on PATH: install it (Debian: apt-get install " + debianPackage + "), or run ./test, which does";
    }
}
