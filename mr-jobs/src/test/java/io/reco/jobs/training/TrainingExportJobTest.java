package io.reco.jobs.training;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.jobs.common.FeatureInputs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.jobs.common.WeekOfEvents;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.TrainingExample;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training export of a week: every example's features, recomputed from the events strictly before it, are
 * what the job wrote (no leakage from the future), and the splits follow each other in time.
 */
class TrainingExportJobTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-01");

  @TempDir
  static Path dir;
  private static TrainingExportJob.Result result;
  private static List<InteractionEvent> events;
  private static List<TrainingExample> train;
  private static List<TrainingExample> validation;
  private static List<TrainingExample> test;

  @BeforeAll
  static void export() throws Exception {
    WeekOfEvents.write(dir, FIRST, 7);
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    conf.setInt("mapreduce.job.reduces", 2);
    result = TrainingExportJob.run(conf, new FeatureInputs(List.of(hadoop(dir.resolve("silver/clickstream"))),
        hadoop(dir.resolve("silver")), null), hadoop(dir.resolve("gold")),
        Instant.ofEpochMilli(WeekOfEvents.midnight(FIRST.plusDays(7))));
    events = SilverFixtures.read(dir.resolve("silver/clickstream"), InteractionEvent.class);
    train = SilverFixtures.read(dir.resolve("gold/training/train"), TrainingExample.class);
    validation = SilverFixtures.read(dir.resolve("gold/training/validation"), TrainingExample.class);
    test = SilverFixtures.read(dir.resolve("gold/training/test"), TrainingExample.class);
  }

  private static List<TrainingExample> all() {
    List<TrainingExample> all = new ArrayList<>(train);
    all.addAll(validation);
    all.addAll(test);
    return all;
  }

  @Test
  void everyEventIsOneExample() {
    assertEquals(events.size(), all().size());
    assertEquals(events.size(), result.train() + result.validation() + result.test());
    assertEquals(events.size(), all().stream().map(TrainingExample::getEventId).distinct().count());
  }

  @Test
  void theSplitsFollowEachOtherInTimeInTheirShares() {
    long lastTrain = train.stream().mapToLong(TrainingExample::getTimestamp).max().orElseThrow();
    long firstValidation = validation.stream().mapToLong(TrainingExample::getTimestamp).min().orElseThrow();
    long lastValidation = validation.stream().mapToLong(TrainingExample::getTimestamp).max().orElseThrow();
    long firstTest = test.stream().mapToLong(TrainingExample::getTimestamp).min().orElseThrow();
    assertTrue(lastTrain < firstValidation && lastValidation < firstTest, "oldest to newest");
    assertTrue(result.validationFrom().toEpochMilli() <= firstValidation);
    double n = events.size();
    assertEquals(0.70, train.size() / n, 0.03, "cut at hour boundaries");
    assertEquals(0.10, validation.size() / n, 0.03);
    assertEquals(0.20, test.size() / n, 0.03);
  }

  @Test
  void noExampleSeesAnEventAtOrAfterItsOwnTime() {
    for (TrainingExample x : all()) {
      long t = x.getTimestamp();
      long itemViews = events.stream().filter(e -> e.getProductId().equals(x.getItemId())
          && e.getEventType() == EventType.view && e.getTimestamp() < t).count();
      long itemPurchases = events.stream().filter(e -> e.getProductId().equals(x.getItemId())
          && e.getEventType() == EventType.purchase && e.getTimestamp() < t).count();
      // the user's own events in the order the sessions are cut: time, then event id
      List<InteractionEvent> before = events.stream().filter(e -> e.getUserId().equals(x.getUserId())
          && (e.getTimestamp() < t || e.getTimestamp() == t && e.getEventId().compareTo(x.getEventId()) < 0))
          .toList();
      String where = x.getEventId() + " of " + x.getUserId() + " on " + x.getItemId();
      assertEquals(itemViews, x.getItemViews(), "item views before " + where);
      assertEquals(itemPurchases, x.getItemPurchases(), "item purchases before " + where);
      assertEquals(before.size(), x.getUserInteractions(), "user events before " + where);
      assertEquals(before.stream().filter(e -> e.getEventType() == EventType.purchase).count(),
          x.getUserPurchases(), "user purchases before " + where);
      long onItem = before.stream().filter(e -> e.getProductId().equals(x.getItemId())).count();
      assertEquals(before.isEmpty() ? 0 : (double) onItem / before.size(), x.getItemAffinity(), 1e-12, where);
      assertEquals(x.getEventType() == EventType.purchase ? 1 : 0, x.getLabel());
    }
  }

  @Test
  void theFirstEventOfAUserSeesNothingOfTheUser() {
    TrainingExample first = all().stream().filter(x -> x.getUserId().equals("u0"))
        .min(Comparator.comparingLong(TrainingExample::getTimestamp).thenComparing(TrainingExample::getEventId))
        .orElseThrow();
    assertEquals(0, first.getUserInteractions());
    assertEquals(null, first.getUserRecencyHours());
    assertEquals(1, first.getPositionInSession());
    assertEquals(false, first.getCategoryMatch());
  }
}
