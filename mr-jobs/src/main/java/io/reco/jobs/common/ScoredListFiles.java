package io.reco.jobs.common;

import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;

/** Reads the lists a job wrote in {@link ScoredListOutput}'s form back into memory, for the evaluation. */
public final class ScoredListFiles {
  private ScoredListFiles() {
  }

  /** Every list under {@code dir}, by entity id; empty when the directory does not exist. */
  public static Map<String, List<ScoredItem>> read(Configuration conf, Path dir) throws IOException {
    return read(conf, dir, id -> true);
  }

  /** The lists under {@code dir} of the entities {@code keep} takes, by entity id; the others are not decoded. */
  public static Map<String, List<ScoredItem>> read(Configuration conf, Path dir, Predicate<String> keep)
      throws IOException {
    Map<String, List<ScoredItem>> lists = new HashMap<>();
    if (!dir.getFileSystem(conf).exists(dir)) {
      return lists;
    }
    Text key = new Text();
    BytesWritable value = new BytesWritable();
    SequenceFiles.read(conf, dir, key, value, () -> {
      String id = key.toString();
      if (keep.test(id)) {
        lists.put(id, ScoredLists.decode(Arrays.copyOf(value.getBytes(), value.getLength())));
      }
    });
    return lists;
  }
}
