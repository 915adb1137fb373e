package io.reco.quality;

import java.util.ArrayList;
import java.util.List;

/**
 * One realistic report of a week's bronze-to-silver run: five sources, stages that reconcile, five event types,
 * seven days, a failing null rate, rejects with hostile examples, distributions with and without a previous run,
 * checks of all three statuses, and raw files read, quarantined whole and left unread.
 */
final class SampleReports {
  static final String RUN_ID = "validate-20261201-120000";
  /** Where the hostile example was read from. */
  static final String HOSTILE_POSITION = "clickstream/dt=2026-11-29/part-00007.avro:88213";
  /** A quarantined record with a quote, a script tag, an emoji and a control character (BEL). */
  static final String HOSTILE_RECORD = "{\"event_id\":\"e-77121\",\"event_type\":\"<script>alert('x')</script>\","
      + "\"note\":\"say \\\"hi\\\" \uD83D\uDE00\u0007\"}";

  /** A clickstream file whose bytes differ from its manifest's. */
  static final String MISMATCHED_FILE = "clickstream/dt=2026-11-27/hour=03/events-7.jsonl";
  /** A clickstream file still being written. */
  static final String UNCOMMITTED_FILE = "clickstream/dt=2026-11-30/hour=23/events-7.jsonl";

  private SampleReports() {
  }

  /** Raw files in no particular order: two read, one quarantined whole, one left unread. */
  static List<RawFile> files() {
    return List.of(
        new RawFile("clickstream", "clickstream/dt=2026-11-24/hour=00/events-7.jsonl", RawFile.READ, false, null,
            7_120, 7_120, 7_101, 19),
        new RawFile("clickstream", UNCOMMITTED_FILE, "UNCOMMITTED", false, "no manifest: not committed", 0, -1, 0, 0),
        new RawFile("clickstream", MISMATCHED_FILE, "CHECKSUM_MISMATCH", true,
            "holds 812,004 bytes with MD5 9e107d9d372bb6826bd81d3542a419d6, its manifest 812,112 bytes with MD5 "
            + "e4d909c290d0fb1ca068ffaddf22cbd0", 6_804, 6_805, 0, 0),
        new RawFile("orders", "orders/dt=2026-11-27/orders-a.csv", RawFile.READ, false, null, 48_220, 48_220, 48_101,
            119));
  }

  static QualityReport sample() {
    List<SourceVolume> sources = List.of(
        new SourceVolume("clickstream", 1_284_310, 1_279_122, 5_188),
        new SourceVolume("orders", 48_220, 48_101, 119),
        new SourceVolume("order_items", 131_540, 131_402, 138),
        new SourceVolume("catalog", 52_300, 52_288, 12),
        new SourceVolume("customers", 210_455, 210_455, 0));
    List<Stage> stages = List.of(
        new Stage("validate", "clickstream", 1_284_310, 1_279_122, List.of(new Count("quarantined", 5_188))),
        new Stage("dedupe", "clickstream", 1_279_122, 1_268_901, List.of(new Count("duplicates", 10_221))),
        new Stage("sessionize", "clickstream", 1_268_901, 1_261_500, List.of(new Count("bots", 7_401))),
        new Stage("validate", "orders", 48_220, 48_101, List.of(new Count("quarantined", 119))),
        new Stage("references", "clickstream", 1_261_500, 1_258_734,
            List.of(new Count("unknown_product", 2_311), new Count("inactive_product", 455))));
    List<Count> eventTypes = List.of(new Count("view", 902_114), new Count("click", 221_380),
        new Count("add_to_cart", 83_902), new Count("purchase", 31_215), new Count("remove_from_cart", 20_123));
    List<Count> days = List.of(new Count("2026-11-24", 171_204), new Count("2026-11-25", 176_880),
        new Count("2026-11-26", 180_112), new Count("2026-11-27", 192_554), new Count("2026-11-28", 205_310),
        new Count("2026-11-29", 188_920), new Count("2026-11-30", 169_330));
    List<FieldNullRate> nullRates = List.of(
        new FieldNullRate("clickstream", "user_id", 0, 1_284_310, 0.0, Status.PASS),
        new FieldNullRate("clickstream", "session_id", 1_204, 1_284_310, 0.01, Status.PASS),
        new FieldNullRate("clickstream", "product_id", 38_529, 1_284_310, 0.02, Status.FAIL),
        new FieldNullRate("orders", "customer_id", 96, 48_220, 0.005, Status.PASS),
        new FieldNullRate("orders", "coupon_code", 31_200, 48_220, null, Status.PASS),
        new FieldNullRate("catalog", "price", 0, 52_300, 0.0, Status.PASS));
    List<Rejects> rejects = List.of(
        new Rejects("clickstream", "INVALID_TIMESTAMP", 3_020, List.of(new Count("event_time", 3_020)), List.of(
            new RejectExample("event_time", "clickstream/dt=2026-11-24/part-00001.avro:1024",
                "event_time 2031-01-01T00:00:00Z is after the run's clock",
                "{\"event_id\":\"e-10001\",\"event_time\":\"2031-01-01T00:00:00Z\",\"event_type\":\"view\"}"),
            new RejectExample("event_time", "clickstream/dt=2026-11-26/part-00004.avro:4096",
                "event_time is negative", "{\"event_id\":\"e-20417\",\"event_time\":-1,\"event_type\":\"click\"}"))),
        new Rejects("clickstream", "UNKNOWN_EVENT_TYPE", 1_902, List.of(new Count("event_type", 1_902)), List.of(
            new RejectExample("event_type", HOSTILE_POSITION, "event_type is not one of the known types",
                HOSTILE_RECORD))),
        new Rejects("clickstream", "MALFORMED_RECORD", 266, List.of(new Count("-", 266)), List.of(
            new RejectExample(null, "clickstream/dt=2026-11-30/part-00002.avro:512", "cannot decode the record",
                "{\"event_id\":\"e-3"))),
        new Rejects("orders", "INVALID_VALUE", 119, List.of(new Count("total_amount", 101), new Count("quantity", 18)),
            List.of(new RejectExample("total_amount", "orders/dt=2026-11-27/orders.csv:88",
                "total_amount -12.50 is negative", "o-55012,c-1201,2026-11-27T10:11:12Z,-12.50,EUR"))),
        new Rejects("order_items", "UNKNOWN_REFERENCE", 138, List.of(new Count("order_id", 138)), List.of(
            new RejectExample("order_id", "order_items/dt=2026-11-28/items.csv:17", "order o-99999 does not exist",
                "o-99999,p-4411,2,19.90"))),
        new Rejects("catalog", "MISSING_FIELD", 12, List.of(new Count("product_id", 12)), List.of()));
    Freshness freshness = new Freshness("2026-12-01T09:40:12Z", "2026-11-30T23:59:58Z", 2.333);
    List<Count> previousEventTypes = List.of(new Count("view", 880_400), new Count("click", 230_112),
        new Count("add_to_cart", 80_014), new Count("purchase", 30_870), new Count("remove_from_cart", 19_877));
    List<Count> priceBands = List.of(new Count("0-10", 310_200), new Count("10-25", 402_118),
        new Count("25-50", 301_990), new Count("50-100", 160_220), new Count("100+", 84_206));
    List<Count> previousPriceBands = List.of(new Count("0-10", 456_000), new Count("10-25", 408_000),
        new Count("25-50", 228_000), new Count("50-100", 84_000), new Count("100+", 24_000));
    List<Count> devices = List.of(new Count("mobile", 801_220), new Count("desktop", 390_411),
        new Count("tablet", 67_103));
    double eventTypePsi = PopulationStability.index(previousEventTypes, eventTypes);
    double priceBandPsi = PopulationStability.index(previousPriceBands, priceBands);
    List<Distribution> distributions = List.of(
        new Distribution("event_type", eventTypes, previousEventTypes, eventTypePsi),
        new Distribution("price_band", priceBands, previousPriceBands, priceBandPsi),
        new Distribution("device", devices, List.of(), null));
    List<Check> checks = List.of(
        Checks.volumeDrop(183_473, List.of(176_000.0, 181_200.0, 179_800.0), 0.2, 0.5),
        Checks.above("reject_rate:clickstream", 5_188.0 / 1_284_310, 0.005, 0.01,
            "share of clickstream records rejected"),
        Checks.above("null_rate:clickstream.product_id", 38_529.0 / 1_284_310, null, 0.02,
            "share of clickstream records without product_id"),
        Checks.above("referential:order_items", 138.0 / 131_540, 0.0005, 0.01,
            "share of order items referring to no order"),
        Checks.above("freshness", 2.333, 6.0, 24.0, "hours since the newest raw file landed"),
        Checks.above("drift:event_type", eventTypePsi, 0.1, 0.25, "PSI of event_type against the previous run"),
        Checks.above("drift:price_band", priceBandPsi, 0.05, 0.25, "PSI of price_band against the previous run"),
        Checks.above("unaccounted", 0, null, 0.0, "records read that no stage accounts for"));
    return new QualityReport(RUN_ID, "2026-12-01T12:00:00Z", "2026-11-24", "2026-11-30", sources, stages, eventTypes,
        days, nullRates, rejects, freshness, distributions, checks, files());
  }

  /** The sample with {@code extra} more reject groups of three examples each, the last with reason LAST_REASON. */
  static QualityReport withManyRejects(int extra) {
    QualityReport r = sample();
    List<Rejects> rejects = new ArrayList<>(r.rejects());
    for (int i = 0; i < extra; i++) {
      String reason = i == extra - 1 ? "LAST_REASON" : "INVALID_VALUE";
      List<RejectExample> examples = new ArrayList<>();
      for (int k = 0; k < 3; k++) {
        examples.add(new RejectExample("price", "catalog/dt=2026-11-30/products-" + i + ".csv:" + (k + 1),
            "price is negative", "p-" + i + "-" + k + ",Widget " + i + ",-1.00,EUR"));
      }
      rejects.add(new Rejects("catalog", reason, 3, List.of(new Count("price", 3)), examples));
    }
    return new QualityReport(r.runId(), r.generatedAt(), r.from(), r.to(), r.sources(), r.stages(), r.eventTypes(),
        r.days(), r.nullRates(), rejects, r.freshness(), r.distributions(), r.checks(), r.files());
  }
}
