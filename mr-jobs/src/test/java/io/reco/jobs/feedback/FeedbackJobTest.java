package io.reco.jobs.feedback;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.Feedback;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two variants of an experiment on the user endpoint. Variant a: 4 answers of 3 items, 3 clicks, 2 purchases after
 * their clicks (one of them two days late, outside the window), one purchase of an item shown and never clicked.
 * Variant b: 2 answers of 3 items, 1 click that converts. An anonymous session answer on the session endpoint is
 * clicked under its request's anonymous id. One impression arrives twice (a replayed spool), one click names an
 * answer nobody was shown.
 */
class FeedbackJobTest {
  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_780_000_000_000L;

  @TempDir
  static Path dir;
  private static FeedbackJob.Result result;
  private static Map<String, FeedbackJob.Row> rows;
  private static int event;

  private static List<InteractionEvent> answer(List<InteractionEvent> into, String request, String user,
      String endpoint, String variant, long time, String... items) {
    Feedback.Answer a = new Feedback.Answer(request, user, null, endpoint, variant, "v-model", "personalized");
    for (int i = 0; i < items.length; i++) {
      into.add(Feedback.impression(a, items[i], i + 1, 0, time));
    }
    return into;
  }

  private static InteractionEvent bought(String user, String item, long time) {
    return SilverFixtures.event("p" + event++, user, item, EventType.purchase, time);
  }

  @BeforeAll
  static void run() throws Exception {
    List<InteractionEvent> shown = new ArrayList<>();
    answer(shown, "r1", "u1", "user_recommendations", "exp/a", T0, "x", "y", "z");
    answer(shown, "r2", "u2", "user_recommendations", "exp/a", T0, "x", "y", "z");
    answer(shown, "r3", "u3", "user_recommendations", "exp/a", T0, "x", "y", "z");
    answer(shown, "r4", "u4", "user_recommendations", "exp/a", T0, "x", "y", "z");
    answer(shown, "r5", "u5", "user_recommendations", "exp/b", T0, "x", "y", "z");
    answer(shown, "r6", "u6", "user_recommendations", "exp/b", T0, "x", "y", "z");
    answer(shown, "r7", null, "session_recommendations", "none", T0, "s1", "s2");
    shown.add(shown.get(0)); // r1's first impression again, as a replayed spool sends it
    SilverFixtures.write(dir.resolve("impressions/dt=2026-05-28/part-0.avro"), shown);

    List<InteractionEvent> events = new ArrayList<>();
    events.add(Feedback.click("r1", "u1", null, "x", T0 + 60_000));
    events.add(bought("u1", "x", T0 + HOUR)); // converts
    events.add(Feedback.click("r2", "u2", null, "y", T0 + 60_000));
    events.add(bought("u2", "y", T0 + 48 * HOUR)); // too late: no conversion
    events.add(Feedback.click("r3", "u3", null, "z", T0 + 60_000));
    events.add(bought("u4", "x", T0 + HOUR)); // shown, bought, never clicked: no conversion
    events.add(Feedback.click("r5", "u5", null, "y", T0 + 60_000));
    events.add(bought("u5", "y", T0 + 2 * HOUR)); // converts
    events.add(Feedback.click("r7", null, null, "s2", T0 + 30_000)); // anonymous: anonymous:r7 on both sides
    events.add(Feedback.click("r9", "u9", null, "x", T0)); // no such answer
    events.add(SilverFixtures.event("v1", "u1", "y", EventType.view, T0 + 1000));
    SilverFixtures.write(dir.resolve("silver/dt=2026-05-28/part-0.avro"), events);

    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    result = FeedbackJob.run(conf, hadoop(dir.resolve("impressions")), hadoop(dir.resolve("silver")),
        hadoop(dir.resolve("feedback")));
    rows = result.rows().stream().collect(Collectors.toMap(r -> r.variant() + " " + r.endpoint(), r -> r));
  }

  @Test
  void eachVariantHasItsAnswersImpressionsClicksAndConversions() {
    FeedbackJob.Row a = rows.get("exp/a user_recommendations");
    assertEquals(List.of(4L, 12L, 3L, 1L), List.of(a.answers(), a.impressions(), a.clicks(), a.conversions()));
    assertEquals(0.25, a.clickThroughRate(), 1e-12);
    assertEquals(1 / 3.0, a.conversionRate(), 1e-12);
    FeedbackJob.Row b = rows.get("exp/b user_recommendations");
    assertEquals(List.of(2L, 6L, 1L, 1L), List.of(b.answers(), b.impressions(), b.clicks(), b.conversions()));
    assertEquals("v-model", b.model());
  }

  @Test
  void anAnonymousAnswersClickMeetsItsImpressionByTheRequestsAnonymousId() {
    FeedbackJob.Row session = rows.get("none session_recommendations");
    assertEquals(List.of(1L, 2L, 1L, 0L), List.of(session.answers(), session.impressions(), session.clicks(),
        session.conversions()));
  }

  @Test
  void aRepeatedImpressionCountsOnceAndAClickOnNoAnswerIsCountedApart() {
    assertEquals(21, result.impressionsRead(), "20 impressions and one repeat read");
    assertEquals(20, result.rows().stream().mapToLong(FeedbackJob.Row::impressions).sum());
    assertEquals(6, result.clicksRead());
    assertEquals(1, result.clicksUnmatched());
    assertEquals(4, result.purchasesRead());
  }

  @Test
  void theSummaryFileHoldsTheRates() throws Exception {
    JsonNode summary = new ObjectMapper().readTree(Files.readString(dir.resolve("feedback/feedback.json")));
    JsonNode first = summary.path("rows").get(0);
    assertEquals("exp/a", first.path("variant").asText());
    assertEquals(0.25, first.path("click_through_rate").asDouble(), 1e-12);
    assertEquals(1, summary.path("clicks_unmatched").asLong());
  }
}
