package io.reco.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository: the public samples in {@code ../shared/data} and programs such as
 * Chromium. On a developer's machine a test whose prerequisite is missing is skipped; under {@code CI=true} it
 * fails, so CI never goes green without running it.
 */
public final class Prerequisites {
  private Prerequisites() {
  }

  /** Skips (or, under CI, fails) the calling test unless {@code present}. */
  public static void require(boolean present, String missing) {
    if (!present && underCi()) {
      Assertions.fail(missing + " (under CI=true a test fails rather than skip)");
    }
    Assumptions.assumeTrue(present, missing);
  }

  /** Whether the tests run under CI: {@code CI} set to anything but {@code false} or {@code 0}. */
  static boolean underCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  /** The folder {@code shared/data/<folder>} beside the repository (or above it), required. */
  public static Path sharedData(String folder) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(folder);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    require(false, "shared/data/" + folder + " is absent");
    throw new IllegalStateException("unreachable");
  }

  /** The executable {@code program}, required. */
  public static Path executable(String program, String howToInstall) {
    Path path = Path.of(program);
    require(Files.isExecutable(path), "no " + program + ": " + howToInstall);
    return path;
  }
}
