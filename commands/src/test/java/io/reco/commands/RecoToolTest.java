package io.reco.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Options, help, defaults and errors as every reco command has them. */
class RecoToolTest {
  /** A command with the kinds of option reco's commands declare. */
  @Command(name = "copy", description = "copies a day of data")
  static final class Copy extends RecoTool {
    final ByteArrayOutputStream help = new ByteArrayOutputStream();
    @Option(names = "--raw", required = true, description = "Root of the raw zone.")
    Path raw;
    @Option(names = "--day", required = true, description = "The day, YYYY-MM-DD.")
    LocalDate day;
    @Option(names = "--batch", defaultValue = "500", description = "Records per batch.")
    int batch;
    String setting;

    @Override
    protected int execute() {
      setting = getConf() == null ? null : getConf().get("reco.example");
      return 0;
    }

    @Override
    protected PrintStream helpStream() {
      return new PrintStream(help, true, StandardCharsets.UTF_8);
    }
  }

  @Test
  void optionsAndHadoopsGenericOptionsBothReachTheCommand() throws Exception {
    Copy copy = new Copy();
    assertEquals(0, ToolRunner.run(new Configuration(false), copy,
        new String[] {"-D", "reco.example=yes", "--raw", "/r", "--day", "2026-11-01"}));
    assertEquals(new Path("/r"), copy.raw);
    assertEquals(LocalDate.of(2026, 11, 1), copy.day);
    assertEquals(500, copy.batch);
    assertEquals("yes", copy.setting);
  }

  @Test
  void aSettingAfterTheOptionsReachesTheCommandAsHadoopsGenericOneDoes() throws Exception {
    Copy copy = new Copy();
    assertEquals(0, ToolRunner.run(new Configuration(false), copy,
        new String[] {"--raw", "/r", "--day", "2026-11-01", "-D", "reco.example=after"}));
    assertEquals("after", copy.setting);
    assertEquals(new Path("/r"), copy.raw);
  }

  @Test
  void helpListsEveryOptionWithItsDefaultAndReturnsZero() throws Exception {
    Copy copy = new Copy();
    assertEquals(0, copy.run(new String[] {"--help"}));
    String help = copy.help.toString(StandardCharsets.UTF_8);
    assertTrue(help.startsWith("Usage: copy"), help);
    assertTrue(help.contains("--batch=<batch>") && help.contains("Default: 500"), help);
    assertTrue(help.contains("--raw=<raw>") && help.contains("--day=<day>"), help);
  }

  @Test
  void aBadValueIsOneUsageLineNamingTheOptionAndTheValue() {
    UsageException e = assertThrows(UsageException.class,
        () -> new Copy().run(new String[] {"--raw", "/r", "--day", "2026-13-01"}));
    assertEquals("copy: Invalid value for option '--day': '2026-13-01' is not a date YYYY-MM-DD (see --help)",
        e.getMessage());
    UsageException number = assertThrows(UsageException.class,
        () -> new Copy().run(new String[] {"--raw", "/r", "--day", "2026-11-01", "--batch", "many"}));
    assertEquals("copy: Invalid value for option '--batch': 'many' is not an int (see --help)", number.getMessage());
  }

  @Test
  void aMissingOrUnknownOptionIsAUsageError() {
    assertEquals("copy: Missing required option: '--day=<day>' (see --help)", assertThrows(UsageException.class,
        () -> new Copy().run(new String[] {"--raw", "/r"})).getMessage());
    String unknown = assertThrows(UsageException.class,
        () -> new Copy().run(new String[] {"--raw", "/r", "--day", "2026-11-01", "--bogus", "1"})).getMessage();
    assertTrue(unknown.contains("Unknown options: '--bogus', '1'"), unknown);
  }

  @Test
  void aCallersDefaultSatisfiesARequiredOption() throws Exception {
    Copy copy = new Copy();
    copy.withDefaults(Map.of("raw", "var/raw"));
    assertEquals(0, copy.run(new String[] {"--day", "2026-11-01"}));
    assertEquals(new Path("var/raw"), copy.raw);
  }

  @Test
  void exitCodesAreTwoForUsageAndOneForFailureWithOneLine() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, ExitCodes.of("reco", () -> {
      throw new UsageException("copy: Unknown option: '--x'");
    }, stream));
    assertEquals(1, ExitCodes.of("reco", () -> {
      throw new java.io.IOException("disk full");
    }, stream));
    assertEquals(7, ExitCodes.of("reco", () -> 7, stream));
    assertEquals("copy: Unknown option: '--x'\nreco: IOException: disk full\n", err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCatalogListsItsCommandsAndRejectsAnUnknownOne() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CommandCatalog catalog = new CommandCatalog("usage: x <command>", new PrintStream(out, true,
        StandardCharsets.UTF_8)).tool(Copy::new);
    assertEquals(0, catalog.run(new Configuration(false), new String[] {"--help"}));
    assertEquals("usage: x <command>\n  copy  copies a day of data\nEach command takes --help.\n",
        out.toString(StandardCharsets.UTF_8));
    assertEquals("unknown command 'paste'; commands: copy", assertThrows(UsageException.class,
        () -> catalog.run(new Configuration(false), new String[] {"paste"})).getMessage());
  }
}
