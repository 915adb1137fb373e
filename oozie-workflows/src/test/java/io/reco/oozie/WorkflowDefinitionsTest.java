package io.reco.oozie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.raw.PartitionSeal;
import io.reco.jobs.RecoJobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every workflow and coordinator of the Oozie application against Oozie's own schemas (the XSDs oozie-client ships),
 * and what the schemas cannot see: every transition names a node, every node is reached, no error path ends in
 * success, every java action runs a class of the jobs jar with a job and options it has, every parameter is declared,
 * each coordinator passes its workflow every parameter it needs and waits for data only by the flag {@code seal}
 * writes, every workflow is scheduled by a coordinator, and each job.properties starts a coordinator and sets what it
 * leaves open.
 */
class WorkflowDefinitionsTest {
  private static final Path APP = Path.of("src/main/app");
  private static final String WORKFLOW = "uri:oozie:workflow:1.0";
  /** What Oozie or job.properties give every workflow, not declared in its parameters. */
  private static final Set<String> GIVEN = Set.of("nameNode", "resourceManager");
  /** The EL constants of a coordinator's dataset templates and SLA. */
  private static final Set<String> COORDINATOR_CONSTANTS = Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE",
      "MINUTES", "HOURS", "DAYS");
  /** The pipeline's coordinator: the one that waits for sealed days. */
  private static final Path COORDINATOR = APP.resolve("coordinator.xml");
  private static final Pattern EL = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private static List<Path> workflows() throws Exception {
    try (Stream<Path> files = Files.walk(APP)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().equals("workflow.xml")).sorted().toList();
      assertFalse(found.isEmpty(), "no workflow under " + APP.toAbsolutePath());
      return found;
    }
  }

  /** Every coordinator of the application: {@code coordinator.xml} and {@code <name>-coordinator.xml}. */
  private static List<Path> coordinators() throws Exception {
    try (Stream<Path> files = Files.list(APP)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().endsWith("coordinator.xml")).sorted().toList();
      assertTrue(found.contains(COORDINATOR), "no " + COORDINATOR + " among " + found);
      return found;
    }
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static Source xsd(String name) {
    URL url = WorkflowDefinitionsTest.class.getResource("/" + name);
    assertNotNull(url, name + " is not in oozie-client's jar");
    // the system id lets the schema's own includes (oozie-common-1.0.xsd) resolve in the jar
    return new StreamSource(url.toString());
  }

  @Test
  void everyWorkflowIsValidAgainstOoziesSchemas() throws Exception {
    Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new Source[] {
        xsd("oozie-workflow-1.0.xsd"), xsd("email-action-0.2.xsd"), xsd("oozie-sla-0.2.xsd")});
    for (Path file : workflows()) {
      assertEquals(WORKFLOW, parse(file).getDocumentElement().getNamespaceURI(), file.toString());
      schema.newValidator().validate(new StreamSource(file.toFile()));
    }
  }

  /** The nodes of a workflow by name, each with where it can go next. */
  private static Map<String, List<String>> graph(Document doc, Map<String, String> errorTargets) {
    Map<String, List<String>> nodes = new LinkedHashMap<>();
    for (Element node : children(doc.getDocumentElement())) {
      String kind = node.getLocalName();
      List<String> next = new ArrayList<>();
      switch (kind) {
        case "start" -> nodes.put(":start", List.of(node.getAttribute("to")));
        case "end", "kill" -> nodes.put(node.getAttribute("name"), List.of());
        case "decision" -> {
          for (Element c : descendants(node, "case")) {
            next.add(c.getAttribute("to"));
          }
          for (Element d : descendants(node, "default")) {
            next.add(d.getAttribute("to"));
          }
          nodes.put(node.getAttribute("name"), next);
        }
        case "fork" -> {
          for (Element path : descendants(node, "path")) {
            next.add(path.getAttribute("start"));
          }
          nodes.put(node.getAttribute("name"), next);
        }
        case "join" -> nodes.put(node.getAttribute("name"), List.of(node.getAttribute("to")));
        case "action" -> {
          Element ok = descendants(node, "ok").get(0);
          Element error = descendants(node, "error").get(0);
          next.add(ok.getAttribute("to"));
          next.add(error.getAttribute("to"));
          errorTargets.put(node.getAttribute("name"), error.getAttribute("to"));
          nodes.put(node.getAttribute("name"), next);
        }
        default -> { }
      }
    }
    return nodes;
  }

  @Test
  void everyTransitionNamesANodeEveryNodeIsReachedAndNoErrorEndsInSuccess() throws Exception {
    for (Path file : workflows()) {
      Document doc = parse(file);
      Map<String, String> errors = new LinkedHashMap<>();
      Map<String, List<String>> nodes = graph(doc, errors);
      String end = descendants(doc.getDocumentElement(), "end").get(0).getAttribute("name");
      nodes.forEach((node, next) -> next.forEach(target -> assertTrue(nodes.containsKey(target),
          file + ": " + node + " goes to '" + target + "', which is no node")));
      Set<String> reached = reachable(nodes, ":start");
      for (String node : nodes.keySet()) {
        assertTrue(reached.contains(node), file + ": " + node + " is never reached from start");
      }
      assertFalse(errors.isEmpty(), file + " has no action");
      errors.forEach((action, target) -> assertFalse(reachable(nodes, target).contains(end),
          file + ": the error path of " + action + " (to " + target + ") can end the workflow as a success"));
    }
  }

  @Test
  void everyJavaActionRunsAJobOfTheJarWithOptionsItHas() throws Exception {
    int actions = 0;
    for (Path file : workflows()) {
      for (Element java : descendants(parse(file).getDocumentElement(), "java")) {
        String main = text(descendants(java, "main-class").get(0));
        assertEquals(RecoJobs.class, Class.forName(main), file + ": the jobs jar's entry point");
        List<String> args = descendants(java, "arg").stream().map(WorkflowDefinitionsTest::text).toList();
        String help = help(args.get(0));
        for (String arg : args.subList(1, args.size())) {
          if (arg.startsWith("--")) {
            // --option=${value} passes a flag's value
            String option = arg.split("=", 2)[0];
            assertTrue(Pattern.compile("\\s" + Pattern.quote(option) + "[\\s=\\[,]").matcher(help).find(),
                file + ": " + args.get(0) + " has no option " + option + ":\n" + help);
          }
        }
        actions++;
      }
    }
    assertTrue(actions >= 3, "bronze-to-silver, pipeline and retention at least");
  }

  @Test
  void everyParameterAWorkflowUsesIsDeclaredOrGiven() throws Exception {
    for (Path file : workflows()) {
      assertDeclared(file, GIVEN);
    }
    for (Path coordinator : coordinators()) {
      assertDeclared(coordinator, COORDINATOR_CONSTANTS);
    }
  }

  /** Every name in an EL expression of {@code file} is a parameter it declares or one of {@code given}. */
  private static void assertDeclared(Path file, Set<String> given) throws Exception {
    Set<String> declared = new HashSet<>(given);
    declared.addAll(parameters(parse(file)).keySet());
    Matcher el = EL.matcher(Files.readString(file));
    while (el.find()) {
      Matcher word = NAME.matcher(el.group(1).replaceAll("'[^']*'", "").replaceAll("\\w+:\\w+\\(", "("));
      while (word.find()) {
        String name = word.group();
        if (!Set.of("eq", "ne", "and", "or", "not", "true", "false", "empty").contains(name)) {
          assertTrue(declared.contains(name), file + ": ${" + el.group(1) + "} uses '" + name
              + "', which no parameter declares");
        }
      }
    }
  }

  /** The parameters a workflow or coordinator declares, each with its default (null: none, the caller's to set). */
  private static Map<String, String> parameters(Document doc) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Element parameters : descendants(doc.getDocumentElement(), "parameters")) {
      for (Element property : descendants(parameters, "property")) {
        List<Element> value = descendants(property, "value");
        out.put(text(descendants(property, "name").get(0)), value.isEmpty() ? null : text(value.get(0)));
      }
    }
    return out;
  }

  @Test
  void everyCoordinatorIsValidAgainstOoziesSchemas() throws Exception {
    Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(new Source[] {
        xsd("oozie-coordinator-0.5.xsd"), xsd("oozie-sla-0.2.xsd")});
    List<Path> coordinators = coordinators();
    assertTrue(coordinators.size() >= 2, "the pipeline's and retention's: " + coordinators);
    for (Path coordinator : coordinators) {
      schema.newValidator().validate(new StreamSource(coordinator.toFile()));
    }
  }

  @Test
  void thePipelinesCoordinatorWaitsForTheSealAndNoCoordinatorForAnotherFlag() throws Exception {
    assertEquals(List.of(PartitionSeal.FLAG), doneFlags(COORDINATOR), "the flag seal writes");
    for (Path coordinator : coordinators()) {
      for (String flag : doneFlags(coordinator)) {
        assertEquals(PartitionSeal.FLAG, flag, coordinator + " waits for a flag seal does not write");
      }
    }
  }

  private static List<String> doneFlags(Path coordinator) throws Exception {
    return descendants(parse(coordinator).getDocumentElement(), "done-flag").stream()
        .map(WorkflowDefinitionsTest::text).toList();
  }

  @Test
  void everyWorkflowIsScheduledByACoordinator() throws Exception {
    Set<Path> scheduled = new HashSet<>();
    for (Path coordinator : coordinators()) {
      scheduled.add(workflowOf(coordinator));
    }
    for (Path workflow : workflows()) {
      assertTrue(scheduled.contains(workflow), workflow + " is scheduled by no coordinator of " + coordinators());
    }
  }

  /** The workflow a coordinator runs: its app-path under {@code ${appPath}}. */
  private static Path workflowOf(Path coordinator) throws Exception {
    String appPath = text(descendants(parse(coordinator).getDocumentElement(), "app-path").get(0));
    assertTrue(appPath.startsWith("${appPath}/"), coordinator + ": " + appPath);
    Path workflow = APP.resolve(appPath.substring("${appPath}/".length())).resolve("workflow.xml");
    assertTrue(Files.exists(workflow), coordinator + ": " + appPath + " is no workflow of the application");
    return workflow;
  }

  @Test
  void everyCoordinatorPassesItsWorkflowEveryParameterItNeeds() throws Exception {
    for (Path coordinator : coordinators()) {
      passesWhatItsWorkflowNeeds(coordinator);
    }
  }

  private static void passesWhatItsWorkflowNeeds(Path coordinatorFile) throws Exception {
    Document coordinator = parse(coordinatorFile);
    Path workflow = workflowOf(coordinatorFile);
    Map<String, String> needs = parameters(parse(workflow));
    Set<String> passed = new HashSet<>();
    Element configuration = descendants(coordinator.getDocumentElement(), "configuration").get(0);
    for (Element name : descendants(configuration, "name")) {
      assertTrue(needs.containsKey(text(name)), coordinatorFile + " passes " + text(name) + ", which " + workflow
          + " does not declare");
      passed.add(text(name));
    }
    needs.forEach((name, value) -> assertTrue(value != null || passed.contains(name),
        workflow + " needs " + name + ", which " + coordinatorFile + " does not pass"));
  }

  @Test
  void everyJobPropertiesStartsACoordinatorAndSetsWhatItLeavesOpen() throws Exception {
    Map<String, Path> byName = new LinkedHashMap<>();
    for (Path coordinator : coordinators()) {
      byName.put(coordinator.getFileName().toString(), coordinator);
    }
    Set<Path> started = new HashSet<>();
    int files = 0;
    try (Stream<Path> all = Files.list(APP)) {
      for (Path properties : all.filter(f -> f.toString().endsWith(".properties")).sorted().toList()) {
        java.util.Properties job = new java.util.Properties();
        try (var in = Files.newInputStream(properties)) {
          job.load(in);
        }
        for (String name : Set.of("nameNode", "resourceManager", "oozie.coord.application.path")) {
          assertTrue(job.containsKey(name), properties + " sets no " + name);
        }
        String path = job.getProperty("oozie.coord.application.path");
        Path coordinator = byName.get(path.substring(path.lastIndexOf('/') + 1));
        assertNotNull(coordinator, properties + " starts " + path + ", which is no coordinator of " + byName.keySet());
        assertTrue(path.startsWith("${appPath}/"), properties + ": " + path);
        started.add(coordinator);
        parameters(parse(coordinator)).forEach((name, value) -> assertTrue(value != null || job.containsKey(name),
            properties + " sets no " + name + ", which " + coordinator + " needs"));
        files++;
      }
    }
    assertEquals(3, files, "daily.properties, weekly.properties and retention.properties");
    assertEquals(new HashSet<>(byName.values()), started, "every coordinator has a job.properties");
  }

  /** A job's --help text, as {@code hadoop jar reco-jobs.jar <job> --help} prints it. */
  private static String help(String job) throws Exception {
    assertTrue(RecoJobs.JOBS.has(job), "the jobs jar has no job '" + job + "'");
    PrintStream out = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, RecoJobs.JOBS.run(new Configuration(), new String[] {job, "--help"}));
    } finally {
      System.setOut(out);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  private static Set<String> reachable(Map<String, List<String>> nodes, String from) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String node = todo.pop();
      if (seen.add(node)) {
        todo.addAll(nodes.getOrDefault(node, List.of()));
      }
    }
    return seen;
  }

  private static List<Element> children(Element parent) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Element> descendants(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    NodeList all = parent.getElementsByTagNameNS("*", localName);
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  private static String text(Element e) {
    return e.getTextContent().strip();
  }
}
