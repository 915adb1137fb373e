package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.commands.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stops an import: too many rejected rows, text that is not in the input's encoding. */
class ImportLimitsTest {
  private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,"
      + "Country";

  @TempDir
  java.nio.file.Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private record Outcome(int exit, String out, String err) {
  }

  /** An Online Retail export of {@code rows} (after the header), written in {@code charset}. */
  private java.nio.file.Path export(Charset charset, List<String> rows) throws Exception {
    List<String> lines = new ArrayList<>(List.of(HEADER));
    lines.addAll(rows);
    java.nio.file.Path file = dir.resolve("retail.csv");
    Files.write(file, (String.join("\n", lines) + "\n").getBytes(charset));
    return file;
  }

  private static String row(int i, String description, String date) {
    return "5363" + i + ",8512" + i + "," + description + ",6," + date + ",2.55,17850,United Kingdom";
  }

  private Outcome run(Configuration conf, java.nio.file.Path input, String... extra) {
    ImportTool tool = new ImportTool(new PrintStream(out, true, StandardCharsets.UTF_8), ImportedZone.CLOCK);
    tool.setConf(conf);
    List<String> args = new ArrayList<>(List.of("--dataset", "online-retail", "--input", input.toString(),
        "--raw", dir.resolve("raw").toString()));
    args.addAll(List.of(extra));
    int exit = ExitCodes.of("reco", () -> tool.run(args.toArray(String[]::new)),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anImportRejectingEveryRowExitsOneNamingTheShareTheKeyAndTheReasons() throws Exception {
    java.nio.file.Path input = export(StandardCharsets.UTF_8,
        List.of(row(1, "MUG", "yesterday"), row(2, "CUP", "someday"), row(3, "JUG", "12/1/2010 8:26")));
    Configuration conf = new Configuration();
    conf.set(ImportTool.MAX_REJECT_RATE, "0.5");
    Outcome outcome = run(conf, input);
    assertEquals(ExitCodes.FAILURE, outcome.exit(), outcome.err());
    String line = outcome.err().strip();
    assertEquals(1, line.lines().count(), line);
    assertTrue(line.contains("retail.csv rejected 66.7% of its rows (2 of 3), above -Dreco.import.max-reject-rate"
        + "=0.5; top reasons: INVALID_TIMESTAMP=2"), line);
  }

  @Test
  void anImportUnderTheMaxRejectRateExitsZero() throws Exception {
    java.nio.file.Path input = export(StandardCharsets.UTF_8,
        List.of(row(1, "MUG", "yesterday"), row(2, "CUP", "12/1/2010 8:26"), row(3, "JUG", "12/1/2010 8:27")));
    Configuration conf = new Configuration();
    conf.set(ImportTool.MAX_REJECT_RATE, "0.5");
    Outcome outcome = run(conf, input);
    assertEquals(0, outcome.exit(), outcome.err());
    assertTrue(outcome.out().contains("3 rows = 2 events"), outcome.out());
  }

  @Test
  void theDefaultMaxRejectRateIsFivePercent() {
    assertEquals(0.05, ImportTool.maxRejectRate(io.reco.records.Settings.defaults()));
  }

  @Test
  void aLatin1ExportReadAsUtf8FailsNamingTheFileTheLineAndTheEncoding() throws Exception {
    java.nio.file.Path input = export(StandardCharsets.ISO_8859_1,
        List.of(row(1, "MUG", "12/1/2010 8:26"), row(2, "Café SIGN", "12/1/2010 8:27")));
    Outcome outcome = run(new Configuration(), input);
    assertEquals(ExitCodes.FAILURE, outcome.exit(), outcome.err());
    assertTrue(outcome.err().contains("retail.csv is not valid UTF-8 at line 3; if it is a Latin-1 export, import "
        + "it with --encoding latin-1"), outcome.err());
    assertTrue(!Files.exists(dir.resolve("raw/master")), "nothing is published");
  }

  @Test
  void aLatin1ExportImportsWithEncodingLatin1KeepingItsAccents() throws Exception {
    java.nio.file.Path input = export(StandardCharsets.ISO_8859_1,
        List.of(row(1, "MUG", "12/1/2010 8:26"), row(2, "Café SIGN", "12/1/2010 8:27")));
    Outcome outcome = run(new Configuration(), input, "--encoding", "latin-1");
    assertEquals(0, outcome.exit(), outcome.err());
    String catalog = Files.readString(dir.resolve("raw/master/catalog/snapshot=2010-12-01/catalog.jsonl"));
    assertTrue(catalog.contains("\"name\":\"Café SIGN\""), catalog);
  }

  @Test
  void anUnknownEncodingIsAUsageError() throws Exception {
    java.nio.file.Path input = export(StandardCharsets.UTF_8, List.of(row(1, "MUG", "12/1/2010 8:26")));
    Outcome outcome = run(new Configuration(), input, "--encoding", "klingon");
    assertEquals(ExitCodes.USAGE, outcome.exit());
    assertTrue(outcome.err().startsWith("import: unknown --encoding 'klingon'"), outcome.err());
  }
}
