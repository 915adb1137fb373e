package io.reco.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/reco oozie}: the deployed application's layout, its swap, and one line when Oozie cannot be reached. */
class OozieCommandsTest {
  private static final Path APP = Path.of("src", "main", "app");

  @TempDir
  Path dir;

  @Test
  void deployPutsTheApplicationAndTheJobsJarUnderLib() throws Exception {
    Path jar = Files.writeString(dir.resolve("reco-jobs-1.jar"), "jar");
    Path to = dir.resolve("apps/reco");

    assertEquals(0, deploy(to, jar));

    assertTrue(Files.isRegularFile(to.resolve("coordinator.xml")));
    assertTrue(Files.isRegularFile(to.resolve("pipeline/workflow.xml")));
    assertTrue(Files.isRegularFile(to.resolve("retention/workflow.xml")));
    assertEquals("jar", Files.readString(to.resolve("lib/reco-jobs-1.jar")));
    assertEquals(count(APP) + 1, count(to), "every file of the application, and the jar");
  }

  @Test
  void aSecondDeployKeepsTheOneBeforeAside() throws Exception {
    Path to = dir.resolve("apps/reco");
    deploy(to, Files.writeString(dir.resolve("reco-jobs-1.jar"), "one"));

    deploy(to, Files.writeString(dir.resolve("reco-jobs-2.jar"), "two"));

    assertEquals("two", Files.readString(to.resolve("lib/reco-jobs-2.jar")));
    assertTrue(Files.notExists(to.resolve("lib/reco-jobs-1.jar")), "the old jar is not left beside the new one");
    assertEquals("one", Files.readString(dir.resolve("apps/reco.previous/lib/reco-jobs-1.jar")));
    assertTrue(Files.notExists(dir.resolve("apps/reco.deploying")));
  }

  @Test
  void deployRefusesADirectoryThatIsNotTheApplication() {
    UsageException e = assertThrows(UsageException.class, () -> OozieCommands.catalog().run(new Configuration(),
        new String[] {"deploy", "--to", dir.resolve("x").toUri().toString(), "--app", dir.toString()}));
    assertEquals("deploy: " + dir + " holds no coordinator.xml: not the Oozie application", e.getMessage());
  }

  @Test
  void statusOfAnUnreachableServerIsOneLineNamingIt() {
    IOException e = assertThrows(IOException.class, () -> OozieCommands.catalog().run(new Configuration(),
        new String[] {"status", "--oozie", "http://127.0.0.1:1/oozie", "0000001-261203000000000-oozie-oozi-C"}));
    assertTrue(e.getMessage().startsWith("status: Oozie at http://127.0.0.1:1/oozie answered "), e.getMessage());
  }

  private static int deploy(Path to, Path jar) throws Exception {
    return OozieCommands.catalog().run(new Configuration(), new String[] {"deploy", "--to", to.toUri().toString(),
        "--app", APP.toString(), "--jobs-jar", jar.toString()});
  }

  private static long count(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
