package io.reco.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
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
  void deployPutsTheApplicationTheJobsJarAndItsLibrariesUnderLib() throws Exception {
    Path jar = jobsJar("reco-jobs-1.jar", "lib/mahout-mr-0.13.0.jar", "lib/picocli-4.7.6.jar", "io/reco/Jobs.class");
    Path to = dir.resolve("apps/reco");

    assertEquals(0, deploy(to, jar));

    assertTrue(Files.isRegularFile(to.resolve("coordinator.xml")));
    assertTrue(Files.isRegularFile(to.resolve("pipeline/workflow.xml")));
    assertTrue(Files.isRegularFile(to.resolve("retention/workflow.xml")));
    assertEquals(Files.size(jar), Files.size(to.resolve("lib/reco-jobs-1.jar")));
    assertEquals("lib/mahout-mr-0.13.0.jar", Files.readString(to.resolve("lib/mahout-mr-0.13.0.jar")),
        "the launcher's classpath takes the jar's own libraries from lib/");
    assertTrue(Files.isRegularFile(to.resolve("lib/picocli-4.7.6.jar")));
    assertTrue(Files.notExists(to.resolve("lib/Jobs.class")), "only the libraries are unpacked");
    assertEquals(count(APP) + 3, count(to), "every file of the application, the jar and its two libraries");
  }

  @Test
  void aSecondDeployKeepsTheOneBeforeAside() throws Exception {
    Path to = dir.resolve("apps/reco");
    deploy(to, jobsJar("reco-jobs-1.jar", "lib/avro-1.11.jar"));

    deploy(to, jobsJar("reco-jobs-2.jar", "lib/avro-1.12.jar"));

    assertTrue(Files.isRegularFile(to.resolve("lib/reco-jobs-2.jar")));
    assertTrue(Files.isRegularFile(to.resolve("lib/avro-1.12.jar")));
    assertTrue(Files.notExists(to.resolve("lib/reco-jobs-1.jar")), "the old jar is not left beside the new one");
    assertTrue(Files.notExists(to.resolve("lib/avro-1.11.jar")), "nor its libraries");
    assertTrue(Files.isRegularFile(dir.resolve("apps/reco.previous/lib/reco-jobs-1.jar")));
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

  /** A jar holding {@code entries}, each entry's content its own name. */
  private Path jobsJar(String name, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String entry : entries) {
        out.putNextEntry(new JarEntry(entry));
        out.write(entry.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static long count(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
