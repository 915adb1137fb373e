package io.reco.jobs.similarity;

import io.reco.jobs.common.TaggedKey;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Reads Mahout's {@code itemA TAB itemB TAB similarity} lines, each pair once, and emits it in both directions:
 * to {@code a} the edge {@code b TAB s}, and to {@code b} the edge {@code a TAB s}.
 */
public final class MahoutPairMapper extends Mapper<LongWritable, Text, TaggedKey, Text> {
  private final TaggedKey key = new TaggedKey();
  private final Text edge = new Text();

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    String[] f = line.toString().split("\t");
    if (f.length != 3) {
      throw new IOException("Mahout output line has " + f.length + " fields, expected 3: " + line);
    }
    context.getCounter(SimilarityCounters.MAHOUT_PAIRS).increment(1);
    edge.set(SimilarItemsJob.EDGE_VALUE + f[1] + '\t' + f[2]);
    context.write(key.set(Long.parseLong(f[0]), SimilarItemsJob.EDGE), edge);
    edge.set(SimilarItemsJob.EDGE_VALUE + f[0] + '\t' + f[2]);
    context.write(key.set(Long.parseLong(f[1]), SimilarItemsJob.EDGE), edge);
  }
}
