package io.reco.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTest {
  private static final Lineage LINEAGE = new Lineage(
      List.of(new Lineage.Input("raw/clickstream/dt=2026-11-01",
          Map.of("part-0.json.manifest", "9e107d9d372bb6826bd81d3542a419d6"))),
      Map.of("reco.similar.top-k", "50"), Map.of("ndcg@10", 0.3125), "0.1.0-SNAPSHOT",
      Instant.parse("2026-11-02T03:04:05Z"));

  @Test
  void jsonRoundTripsEveryField() {
    assertEquals(LINEAGE, Lineage.fromJson(LINEAGE.toJson()));
  }

  @Test
  void jsonNamesTheFieldsInSnakeCase() {
    String json = LINEAGE.toJson();
    assertTrue(json.contains("\"code_version\":\"0.1.0-SNAPSHOT\""), json);
    assertTrue(json.contains("\"ndcg@10\":0.3125"), json);
    assertTrue(json.contains("\"part-0.json.manifest\":\"9e107d9d372bb6826bd81d3542a419d6\""), json);
  }

  @Test
  void withMetricsAddsAndReplaces() {
    Lineage more = LINEAGE.withMetrics(Map.of("ndcg@10", 0.4, "recall@10", 0.2));
    assertEquals(Map.of("ndcg@10", 0.4, "recall@10", 0.2), more.metrics());
  }

  @Test
  void aBrokenCellNamesTheProblem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Lineage.fromJson("{\"inputs\""));
    assertTrue(e.getMessage().startsWith("a model's lineage cell is not valid"), e.getMessage());
  }

  @Test
  void aLineageNeedsACodeVersion() {
    assertThrows(IllegalArgumentException.class, () -> new Lineage(List.of(), Map.of(), Map.of(), " ",
        Instant.EPOCH));
  }

  @Test
  void codeVersionOfAClassOutsideAJarIsUnknown() {
    assertEquals("unknown", Lineage.codeVersionOf(LineageTest.class));
  }
}
