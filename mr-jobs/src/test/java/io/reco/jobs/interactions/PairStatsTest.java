package io.reco.jobs.interactions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reco.records.avro.EventType;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.junit.jupiter.api.Test;

/** The per-pair aggregation: weights, the combiner, the mapper on good lines, the pairs line format. */
class PairStatsTest {
  @Test
  void strongerEventsWeighMore() {
    assertEquals(List.of(1, 2, 4, 1, 8), List.of(EventType.view, EventType.click, EventType.add_to_cart,
        EventType.remove_from_cart, EventType.purchase).stream().map(InteractionWeights::of).toList());
    // never in silver: bronze to silver sets them apart, and a job handed one says so
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> InteractionWeights.of(EventType.impression));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("sets impressions apart"), e.getMessage());
  }

  @Test
  void combinerKeepsStrongestWeightLatestTimeAndSumsEvents() throws IOException {
    ReduceDriver.newReduceDriver(new PairStatsCombiner())
        .withInput(new Text("u1\tp1"), List.of(new PairStats(1, 500, 3), new PairStats(8, 200, 1),
            new PairStats(2, 900, 2)))
        .withOutput(new Text("u1\tp1"), new PairStats(8, 900, 6))
        .runTest();
  }

  @Test
  void pairLinesRoundTripAndBadOnesSayWhy() {
    UserItemPair pair = new UserItemPair("u1", "p 1", 4, 1234, 3);
    assertEquals(pair, UserItemPair.parse(pair.format()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserItemPair.parse("u1\tp1"));
    assertEquals("pairs line has 2 fields, expected 5: u1\tp1", e.getMessage());
  }
}
