package io.reco.jobs.similarity;

import io.reco.jobs.common.TaggedKey;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Second join, edge side: {@code y TAB neighbourId TAB s} to key {@code y}, value {@code neighbourId TAB s}. */
public final class NamedEdgeMapper extends Mapper<LongWritable, Text, TaggedKey, Text> {
  private final TaggedKey key = new TaggedKey();
  private final Text edge = new Text();

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    String text = line.toString();
    int tab = text.indexOf('\t');
    edge.set(SimilarItemsJob.EDGE_VALUE + text.substring(tab + 1));
    context.write(key.set(Long.parseLong(text.substring(0, tab)), SimilarItemsJob.EDGE), edge);
  }
}
