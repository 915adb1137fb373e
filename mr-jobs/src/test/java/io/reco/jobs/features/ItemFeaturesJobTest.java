package io.reco.jobs.features;

import static io.reco.jobs.common.SilverFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.Jobs;
import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.EventType;
import io.reco.schema.FeatureCells;
import io.reco.schema.avro.ItemFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The item-features job on LocalJobRunner: one cell per item, over events of two partitions. */
class ItemFeaturesJobTest {
  private static final long T = 1793491260000L;
  private static final long DAY = 86_400_000L;

  @TempDir
  Path dir;

  @Test
  void everyItemGetsItsCellFromAllItsEvents() throws Exception {
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-01/part-r-00000.avro"), List.of(
        event("e1", "u1", "p1", EventType.view, T), event("e2", "u2", "p2", EventType.view, T + 1000)));
    SilverFixtures.write(dir.resolve("silver/dt=2026-11-02/part-r-00000.avro"), List.of(
        event("e3", "u2", "p1", EventType.purchase, T + DAY)));
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    ItemFeaturesJob.Result result = ItemFeaturesJob.check(Jobs.run(ItemFeaturesJob.createJob(conf,
        new org.apache.hadoop.fs.Path(dir.resolve("silver").toUri()),
        new org.apache.hadoop.fs.Path(dir.resolve("out").toUri()), Instant.ofEpochMilli(T + 2 * DAY))));
    assertEquals(new ItemFeaturesJob.Result(3, 2), result);

    Map<String, ItemFeatures> cells = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("part")).toList()) {
        try (SequenceFile.Reader reader = new SequenceFile.Reader(conf,
            SequenceFile.Reader.file(new org.apache.hadoop.fs.Path(f.toUri())))) {
          Text item = new Text();
          BytesWritable cell = new BytesWritable();
          while (reader.next(item, cell)) {
            cells.put(item.toString(), FeatureCells.decodeItem(cell.copyBytes()));
          }
        }
      }
    }
    assertEquals(List.of("p1", "p2"), List.copyOf(cells.keySet()));
    assertEquals(2, cells.get("p1").getUsers());
    assertEquals(1, cells.get("p1").getPurchases());
    assertEquals(T + DAY, cells.get("p1").getLastPurchase());
    assertEquals(0, cells.get("p2").getPurchases());
  }
}
