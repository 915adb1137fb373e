package io.reco.jobs.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.interactions.InteractionsReducer;
import io.reco.jobs.interactions.UserItemPair;
import io.reco.schema.avro.ScoredItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequence job on LocalJobRunner over a hand-made interactions output. */
class SequenceJobTest {
  @TempDir
  static Path dir;
  private static SequenceJob.Result result;
  private static Map<String, List<ScoredItem>> lists;

  private static String pair(String user, String item, long time) {
    return new UserItemPair(user, item, 1, time, 1).format();
  }

  @BeforeAll
  static void run() throws Exception {
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    Path pairs = dir.resolve("interactions").resolve(InteractionsReducer.PAIRS);
    Files.createDirectories(pairs);
    // u1: phone -> case -> charger; u2: phone -> charger; u3: case -> phone (lines out of time order)
    Files.write(pairs.resolve("part-r-00000"), List.of(pair("u1", "charger", 300), pair("u1", "phone", 100),
        pair("u1", "case", 200), pair("u2", "phone", 100), pair("u2", "charger", 150), pair("u3", "phone", 900),
        pair("u3", "case", 800)), StandardCharsets.UTF_8);
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("sequence").toUri());
    result = SequenceJob.run(conf, new org.apache.hadoop.fs.Path(dir.resolve("interactions").toUri()), output);
    lists = ScoredListFiles.read(conf, output);
  }

  @Test
  void ranksWhatCameNextByTheSummedRules() {
    // phone: charger 0.5 (u1, two steps) + 1 (u2) = 1.5, case 1 (u1)
    assertEquals(List.of("charger:1.5", "case:1.0"), lists.get("phone").stream()
        .map(s -> s.getId() + ":" + s.getScore()).toList());
  }

  @Test
  void followsTimeNotTheOrderOfTheLines() {
    assertEquals(List.of("charger", "phone"), lists.get("case").stream().map(ScoredItem::getId).toList());
  }

  @Test
  void countsUsersAndItemsWithSuccessors() {
    assertEquals(3, result.users());
    assertEquals(2, result.itemsWithNeighbours(), "the charger is never followed");
  }
}
