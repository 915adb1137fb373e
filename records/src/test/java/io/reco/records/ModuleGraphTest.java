package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The module graph the README draws is the one the poms declare (compile scope). */
class ModuleGraphTest {
  private static final Pattern DEPENDENCY = Pattern.compile(
      "<dependency><groupId>io\\.reco</groupId><artifactId>reco-([a-z-]+)</artifactId>(<scope>([a-z]+)</scope>)?");

  @Test
  void theReadmesGraphMatchesThePoms() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    String readme = Files.readString(root.resolve("README.md"));
    int start = readme.indexOf("```", readme.indexOf("Modules follow the data"));
    String block = readme.substring(start + 3, readme.indexOf("```", start + 3));
    Map<String, Set<String>> drawn = new TreeMap<>();
    for (String line : block.strip().split("\n")) {
      String[] parts = line.split("\\s{2,}");
      Set<String> deps = new TreeSet<>();
      if (!parts[1].startsWith("(none)")) {
        Arrays.stream(parts[1].split(",")).map(d -> d.trim().split(" ")[0]).forEach(deps::add);
      }
      drawn.put(parts[0].trim(), deps);
    }
    Map<String, Set<String>> declared = new TreeMap<>();
    for (String module : drawn.keySet()) {
      String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
      Set<String> deps = new TreeSet<>();
      Matcher m = DEPENDENCY.matcher(pom);
      while (m.find()) {
        if (m.group(3) == null) {
          deps.add(m.group(1));
        }
      }
      declared.put(module, deps);
    }
    assertTrue(drawn.size() >= 12, "the README lists every module: " + drawn.keySet());
    assertEquals(declared, drawn);
  }
}
