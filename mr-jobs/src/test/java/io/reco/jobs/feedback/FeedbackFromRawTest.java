package io.reco.jobs.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.quality.BronzeToSilverTool;
import io.reco.quality.QualityReport;
import io.reco.quality.Stage;
import io.reco.records.EventRules;
import io.reco.records.Feedback;
import io.reco.records.RecordJson;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.RawFileWriter;
import io.reco.records.raw.RawZone;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's feedback as the clickstream consumer lands it - impressions and a click beside the shop's own
 * events in one raw hour - through bronze to silver and the feedback job: the impressions are set apart from the
 * events the models learn from (the click stays: it is an interaction), every line is accounted for, and the
 * served model's rates come out.
 */
class FeedbackFromRawTest {
  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  @Test
  void impressionsAreSetApartAtBronzeToSilverAndScoredAgainstTheClicksAndPurchasesThatFollow() throws Exception {
    long t = T0.toEpochMilli();
    Feedback.Answer answer = new Feedback.Answer("req-1", "u1", "s1", "user_recommendations", "home/b", "v-2",
        "personalized");
    List<InteractionEvent> events = new ArrayList<>();
    for (int slot = 1; slot <= 4; slot++) {
      events.add(Feedback.impression(answer, "p" + slot, slot, 0, t));
    }
    events.add(SilverFixtures.event("view-1", "u1", "p2", EventType.view, t + 20_000));
    events.add(Feedback.click("req-1", "u1", "s1", "p2", t + 10_000));
    events.add(SilverFixtures.event("buy-1", "u1", "p2", EventType.purchase, t + 600_000));
    events.add(SilverFixtures.event("view-2", "u2", "p1", EventType.view, t + 30_000));
    FileSystem fs = FileSystem.getLocal(new Configuration());
    RawZone zone = new RawZone(new org.apache.hadoop.fs.Path(dir.resolve("raw").toUri()));
    try (RawFileWriter writer = RawFileWriter.create(fs, new org.apache.hadoop.fs.Path(zone.clickstreamHour(t),
        "part-0.jsonl"))) {
      for (InteractionEvent e : events) {
        writer.write(RecordJson.toJson(e));
      }
      writer.commit("clickstream", Map.of("test", true), CLOCK);
    }

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setLong(EventRules.NOW, CLOCK.millis());
    org.apache.hadoop.fs.Path run = new org.apache.hadoop.fs.Path(dir.resolve("run").toUri());
    LocalDate day = LocalDate.of(2026, 11, 20);
    QualityReport report = new BronzeToSilverTool(new PrintStream(OutputStream.nullOutputStream())).run(conf,
        zone.root(), day, day, run, run.getParent());
    Stage validate = report.stages().get(0);
    assertEquals(8, validate.read());
    assertEquals(4, validate.kept(), "the shop's events and the click");
    assertTrue(validate.removed().toString().contains("service impressions (set apart), count=4"),
        validate.removed().toString());
    assertEquals(4, report.sources().get(0).read(), "the clickstream's volume leaves the impressions out");
    List<InteractionEvent> silver = SilverFixtures.read(dir.resolve("run/silver/clickstream"),
        InteractionEvent.class);
    assertTrue(silver.stream().noneMatch(e -> e.getEventType() == EventType.impression));
    assertEquals(4, SilverFixtures.read(dir.resolve("run/silver/impressions"), InteractionEvent.class).size());

    FeedbackJob.Result result = FeedbackJob.run(conf, new org.apache.hadoop.fs.Path(run,
        BronzeToSilverTool.SILVER_IMPRESSIONS), new org.apache.hadoop.fs.Path(run, BronzeToSilverTool.SILVER),
        new org.apache.hadoop.fs.Path(dir.resolve("feedback").toUri()));
    assertEquals(List.of(new FeedbackJob.Row("home/b", "v-2", "user_recommendations", 1, 4, 1, 1)),
        result.rows());
    assertEquals(0.25, result.rows().get(0).clickThroughRate(), 1e-12);
  }
}
