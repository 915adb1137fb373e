package io.reco.ansible;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every variable a role reads is defaulted in its {@code defaults/main.yml} (or set in {@code vars/main.yml},
 * registered or looped over by its tasks), and every default is documented: each paragraph of the defaults file
 * starts with a comment.
 */
class RoleDefaultsTest {
  private static final Pattern KEY = Pattern.compile("^([a-z][a-z0-9_]*):");

  @ParameterizedTest
  @ValueSource(strings = {"hdfs_layout", "hbase_tables", "oozie_app", "reco_service", "monitoring", "flume_agent"})
  void everyVariableTheRoleReadsIsDefaulted(String role) throws IOException {
    Path dir = Ansible.HOME.resolve("roles").resolve(role);
    Set<String> defined = new TreeSet<>(keys(dir.resolve("defaults/main.yml")));
    defined.addAll(keys(dir.resolve("vars/main.yml")));
    Pattern set = Pattern.compile("(?:register|loop_var):\\s*(" + role + "_[a-z0-9_]+)|\\{%-?\\s*set\\s+(" + role
        + "_[a-z0-9_]+)");
    Pattern use = Pattern.compile("\\b(" + role + "_[a-z0-9_]+)\\b");
    Set<String> used = new TreeSet<>();
    for (Path file : files(dir)) {
      String text = Files.readString(file);
      Matcher s = set.matcher(text);
      while (s.find()) {
        defined.add(s.group(1) != null ? s.group(1) : s.group(2));
      }
      Matcher u = use.matcher(text);
      while (u.find()) {
        used.add(u.group(1));
      }
    }
    used.removeAll(defined);
    assertEquals(Set.of(), used, role + ": variables read but not defaulted in defaults/main.yml");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hdfs_layout", "hbase_tables", "oozie_app", "reco_service", "monitoring", "flume_agent"})
  void everyDefaultIsPrefixedAndDocumented(String role) throws IOException {
    List<String> lines = Files.readAllLines(Ansible.HOME.resolve("roles").resolve(role).resolve("defaults/main.yml"));
    List<String> undocumented = new ArrayList<>();
    boolean commented = false;
    for (String line : lines) {
      if (line.isBlank()) {
        commented = false;
      } else if (line.startsWith("#")) {
        commented = true;
      } else {
        Matcher key = KEY.matcher(line);
        if (key.find()) {
          assertTrue(key.group(1).startsWith(role + "_"), role + ": " + key.group(1) + " lacks the role's prefix");
          if (!commented) {
            undocumented.add(key.group(1));
          }
        }
      }
    }
    assertEquals(List.of(), undocumented, role + ": defaults without a comment above their paragraph");
  }

  private static Set<String> keys(Path yaml) throws IOException {
    Set<String> keys = new TreeSet<>();
    if (Files.exists(yaml)) {
      for (String line : Files.readAllLines(yaml)) {
        Matcher key = KEY.matcher(line);
        if (key.find()) {
          keys.add(key.group(1));
        }
      }
    }
    return keys;
  }

  private static List<Path> files(Path role) {
    List<Path> files = new ArrayList<>();
    for (String sub : List.of("tasks", "handlers", "templates", "vars", "files")) {
      Path dir = role.resolve(sub);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }
}
