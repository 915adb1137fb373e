package io.reco.jobs.similarity;

import io.reco.jobs.common.TaggedKey;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * First join. For Mahout id {@code x}: reads x's item id, then for each edge {@code y TAB s} writes
 * {@code y TAB itemId(x) TAB s}: the neighbour side of every edge now carries its real id.
 */
public final class NameSourceReducer extends Reducer<TaggedKey, Text, NullWritable, Text> {
  private final Text out = new Text();

  @Override
  protected void reduce(TaggedKey key, Iterable<Text> values, Context context)
      throws IOException, InterruptedException {
    Iterator<Text> it = values.iterator();
    String name = null;
    while (it.hasNext()) {
      String text = it.next().toString();
      String value = text.substring(1);
      if (text.charAt(0) == SimilarItemsJob.NAME_VALUE) {
        name = name == null ? value : name;
        continue;
      }
      if (name == null) {
        context.getCounter(SimilarityCounters.UNNAMED_EDGES).increment(1);
        continue;
      }
      int tab = value.indexOf('\t');
      out.set(value.substring(0, tab) + '\t' + name + value.substring(tab));
      context.write(NullWritable.get(), out);
    }
  }
}
