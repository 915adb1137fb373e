package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The module graph the README draws is the one the poms declare (compile scope). */
class ModuleGraphTest {
  @Test
  void theReadmesGraphMatchesThePoms() throws Exception {
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
      declared.put(module, compileDependencies(root.resolve(module).resolve("pom.xml")));
    }
    assertTrue(drawn.size() >= 12, "the README lists every module: " + drawn.keySet());
    assertEquals(declared, drawn);
  }

  /** The reco modules a pom depends on in compile scope, read as XML (a dependency may span lines). */
  private static Set<String> compileDependencies(Path pom) throws Exception {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    NodeList dependencies = doc.getElementsByTagName("dependency");
    Set<String> deps = new TreeSet<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (!dependency.getParentNode().getParentNode().getNodeName().equals("project")) {
        continue; // managed versions and plugins' own dependencies are not the module's
      }
      String group = child(dependency, "groupId");
      String artifact = child(dependency, "artifactId");
      String scope = child(dependency, "scope");
      if ("io.reco".equals(group) && artifact.startsWith("reco-") && (scope == null || scope.equals("compile"))) {
        deps.add(artifact.substring("reco-".length()));
      }
    }
    return deps;
  }

  private static String child(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeName().equals(name)) {
        return n.getTextContent().trim();
      }
    }
    return null;
  }
}
