package io.reco.jobs.similarity;

import io.reco.jobs.common.TaggedKey;
import io.reco.jobs.common.TopK;
import io.reco.records.Settings;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/** Second join. For Mahout id {@code y}: reads y's item id, keeps its top-K neighbours, writes the ranked list. */
public final class TopNeighboursReducer extends Reducer<TaggedKey, Text, Text, BytesWritable> {
  /** How many neighbours an item keeps. */
  public static final String TOP_K = "reco.similar.top-k";

  private final Text item = new Text();
  private final BytesWritable list = new BytesWritable();
  private TopK top;

  @Override
  protected void setup(Context context) {
    top = new TopK(Settings.getInt(context.getConfiguration(), TOP_K));
  }

  @Override
  protected void reduce(TaggedKey key, Iterable<Text> values, Context context)
      throws IOException, InterruptedException {
    String name = null;
    top.clear();
    for (Text value : values) {
      String tagged = value.toString();
      String text = tagged.substring(1);
      if (tagged.charAt(0) == SimilarItemsJob.NAME_VALUE) {
        name = name == null ? text : name;
        continue;
      }
      if (name == null) {
        context.getCounter(SimilarityCounters.UNNAMED_EDGES).increment(1);
        continue;
      }
      int tab = text.lastIndexOf('\t');
      top.offer(text.substring(0, tab), Double.parseDouble(text.substring(tab + 1)));
    }
    if (name != null && !top.isEmpty()) {
      item.set(name);
      top.encodeInto(list);
      context.write(item, list);
      context.getCounter(SimilarityCounters.ITEMS_WITH_NEIGHBOURS).increment(1);
    }
  }
}
