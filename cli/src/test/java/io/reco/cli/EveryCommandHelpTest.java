package io.reco.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.CommandCatalog;
import io.reco.commands.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every command of {@code bin/reco} and of the jobs jar answers {@code --help} with exit code 0, and bad input 2. */
class EveryCommandHelpTest {
  static Stream<String> commands() {
    List<String> all = new ArrayList<>(List.of("demo", "hbase", "serve", "import", "verify-raw", "evaluate", "validate",
        "model"));
    for (String action : List.of("list", "show", "promote", "rollback", "gc")) {
      all.add("model " + action);
      all.add("jobs model " + action);
    }
    for (String source : List.of("clickstream", "transactions", "master", "product-metadata", "merge-changes",
        "changes")) {
      all.add("ingest " + source);
    }
    for (String job : List.of("schema", "ingest-clickstream", "ingest-transactions", "ingest-master",
        "ingest-product-metadata", "import", "verify-raw", "generate", "validate", "validate-orders", "clean",
        "references", "bronze-to-silver", "interactions", "sessions", "item-features", "training-export",
        "item-similarity", "cross-occurrence", "sequence", "ease", "indicators", "evaluate", "popularity",
        "bought-together", "content-neighbours", "user-recent", "top-picks", "load-lists", "pipeline", "model",
        "retention")) {
      all.add("jobs " + job);
    }
    return all.stream();
  }

  @ParameterizedTest
  @MethodSource("commands")
  void helpExitsZeroAndListsTheOptions(String command) {
    Run run = run((command + " --help").split(" "));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("Usage: "), run.out());
    assertTrue(run.out().contains("-h, --help"), run.out());
  }

  @Test
  void noCommandAndHelpListTheCommands() {
    for (String[] args : List.of(new String[0], new String[] {"--help"})) {
      Run run = run(args);
      assertEquals(0, run.code());
      assertTrue(run.out().contains("  validate  ") && run.out().contains("  jobs  "), run.out());
    }
    Run jobs = run("jobs");
    assertEquals(0, jobs.code());
    assertTrue(jobs.out().contains("  bronze-to-silver  "), jobs.out());
  }

  @Test
  void anUnknownCommandOrABadValueIsOneLineAndExitCodeTwo() {
    Run unknown = run("frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("unknown command 'frobnicate'; commands: demo, hbase, jobs"), unknown.err());
    Run bad = run("validate", "--from", "yesterday", "--to", "2026-11-07");
    assertEquals(2, bad.code());
    assertEquals("validate: Invalid value for option '--from': 'yesterday' is not a date YYYY-MM-DD (see --help)\n",
        bad.err());
    Run number = run("demo", "--events", "lots");
    assertEquals(2, number.code());
    assertEquals("demo: Invalid value for option '--events': 'lots' is not a long (see --help)\n", number.err());
  }

  private record Run(int code, String out, String err) {
  }

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandCatalog commands = Reco.commands();
      int code = ExitCodes.of("reco", () -> commands.run(Reco.noHBaseConf(), args),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }
}
