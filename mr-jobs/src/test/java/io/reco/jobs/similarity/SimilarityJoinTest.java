package io.reco.jobs.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.MahoutIds;
import io.reco.jobs.common.TaggedKey;
import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** MRUnit tests of the two joins that turn Mahout's numeric ids back into item ids. */
class SimilarityJoinTest {
  private static final long A = MahoutIds.of("itemA");
  private static final long B = MahoutIds.of("itemB");

  @Test
  void mahoutPairsAreEmittedInBothDirections() throws IOException {
    MapDriver.newMapDriver(new MahoutPairMapper())
        .withInput(new LongWritable(0), new Text(A + "\t" + B + "\t0.75"))
        .withOutput(new TaggedKey().set(A, SimilarItemsJob.EDGE), new Text("E" + B + "\t0.75"))
        .withOutput(new TaggedKey().set(B, SimilarItemsJob.EDGE), new Text("E" + A + "\t0.75"))
        .runTest();
  }

  @Test
  void dictionaryLinesNameTheItemOnce() throws IOException {
    MapDriver.newMapDriver(new ItemNameMapper())
        .withInput(new LongWritable(0), new Text("u1\titemA\t1\t100\t1"))
        .withInput(new LongWritable(1), new Text("u1\titemA\t4\t200\t2"))
        .withOutput(new TaggedKey().set(A, SimilarItemsJob.ITEM_NAME), new Text("NitemA"))
        .runTest();
  }

  @Test
  void firstJoinPutsTheSourceNameOnEveryEdgeAndCountsUnnamedOnes() throws IOException {
    List<Pair<NullWritable, Text>> out = ReduceDriver.newReduceDriver(new NameSourceReducer())
        .withInput(new TaggedKey().set(A, SimilarItemsJob.ITEM_NAME), List.of(new Text("NitemA"),
            new Text("E" + B + "\t0.75"), new Text("E42\t0.5")))
        .run();
    assertEquals(List.of(B + "\titemA\t0.75", "42\titemA\t0.5"), out.stream().map(p -> p.getSecond().toString())
        .toList());

    ReduceDriver<TaggedKey, Text, NullWritable, Text> orphan = ReduceDriver.newReduceDriver(new NameSourceReducer())
        .withInput(new TaggedKey().set(7, SimilarItemsJob.EDGE), List.of(new Text("E" + B + "\t0.75")));
    assertEquals(0, orphan.run().size());
    assertEquals(1, orphan.getCounters().findCounter(SimilarityCounters.UNNAMED_EDGES).getValue());
  }

  @Test
  void secondJoinKeepsTheTopKNeighboursBestFirst() throws IOException {
    ReduceDriver<TaggedKey, Text, Text, BytesWritable> driver =
        ReduceDriver.newReduceDriver(new TopNeighboursReducer());
    driver.getConfiguration().setInt(TopNeighboursReducer.TOP_K, 2);
    List<Pair<Text, BytesWritable>> out = driver
        .withInput(new TaggedKey().set(B, SimilarItemsJob.ITEM_NAME), List.of(new Text("NitemB"),
            new Text("Ex\t0.5"), new Text("Ey\t0.9"), new Text("Ez\t0.7")))
        .run();
    assertEquals(1, out.size());
    assertEquals("itemB", out.get(0).getFirst().toString());
    BytesWritable list = out.get(0).getSecond();
    assertEquals(List.of(new ScoredItem("y", 0.9), new ScoredItem("z", 0.7)),
        ScoredLists.decode(java.util.Arrays.copyOf(list.getBytes(), list.getLength())));
    assertEquals(1, driver.getCounters().findCounter(SimilarityCounters.ITEMS_WITH_NEIGHBOURS).getValue());
  }
}
