package io.reco.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.ingest.importers.ImportTool;
import io.reco.jobs.common.LocalJobs;
import io.reco.quality.Check;
import io.reco.quality.CheckName;
import io.reco.quality.QualityReport;
import io.reco.quality.Stage;
import io.reco.quality.Status;
import io.reco.records.EventRules;
import io.reco.testing.Prerequisites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze to silver over the real public samples in {@code ../shared/data}, imported first as a user would with
 * {@code bin/reco import}: every imported event reaches silver and the report says so.
 */
class SharedSamplesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private static Path sample(String folder, String file) {
    return Prerequisites.sharedData(folder).resolve(file);
  }

  private QualityReport importAndValidate(String dataset, Path input, LocalDate from, LocalDate to) throws Exception {
    Path raw = dir.resolve("raw-" + dataset);
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    // a quarter of Online Retail's rows have no CustomerID: above the default reject rate, so allowed here
    assertEquals(0, ToolRunner.run(new Configuration(conf), new ImportTool(quiet, CLOCK), new String[] {"--dataset",
        dataset, "--input", input.toString(), "--raw", raw.toString(), "-D", "reco.import.max-reject-rate=0.25"}));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("runs-" + dataset + "/run")
        .toUri());
    return new BronzeToSilverTool(quiet).run(conf, new org.apache.hadoop.fs.Path(raw.toUri()), from, to, output,
        output.getParent());
  }

  private static Check check(QualityReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void everyImportedRees46EventReachesSilver() throws Exception {
    QualityReport report = importAndValidate("rees46", sample("rees46-2019-10-head", "events.csv"),
        LocalDate.of(2019, 10, 1), LocalDate.of(2019, 10, 1));
    Stage validate = report.stages().get(0);
    assertEquals(17_434, validate.read());
    assertEquals(validate.read(), validate.kept(), "nothing quarantined");
    Stage catalog = report.stages().stream().filter(s -> s.name().equals("references-catalog")).findFirst()
        .orElseThrow();
    assertEquals(0, catalog.removed().get(0).count(), "every product is in the imported catalog");
    assertTrue(report.stages().stream().allMatch(Stage::reconciles));
    assertEquals(Status.WARN, check(report, CheckName.REFERENCES.of("user_id")).status(),
        "REES46 has no customer records");
    assertEquals(Status.PASS, check(report, CheckName.REJECTS.of(EventProfiler.SOURCE)).status());
    assertEquals(Status.PASS, check(report, CheckName.COMPLETENESS.label()).status());
    assertEquals(List.of("2019-10-01"), report.days().stream().map(c -> c.name()).toList());
  }

  @Test
  void onlineRetailPurchasesReachSilverAndTheMissingSaturdayIsAWarning() throws Exception {
    QualityReport report = importAndValidate("online-retail", sample("online-retail-2010-12-head",
        "transactions.csv"), LocalDate.of(2010, 12, 1), LocalDate.of(2010, 12, 5));
    Stage validate = report.stages().get(0);
    assertEquals(7_580, validate.read());
    assertEquals(7_580, validate.kept(), "nothing quarantined");
    assertEquals(List.of("purchase"), report.eventTypes().stream().map(c -> c.name()).toList());
    Check completeness = check(report, CheckName.COMPLETENESS.label());
    assertEquals(Status.WARN, completeness.status(), completeness.message());
    assertTrue(completeness.message().startsWith("4 of 5 days have data"), completeness.message());
  }
}
