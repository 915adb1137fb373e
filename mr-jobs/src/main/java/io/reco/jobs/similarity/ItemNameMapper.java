package io.reco.jobs.similarity;

import io.reco.jobs.common.MahoutIds;
import io.reco.jobs.common.TaggedKey;
import io.reco.jobs.interactions.UserItemPair;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** The dictionary side of both joins: from a {@code pairs} line, the item's Mahout id and its string id. */
public final class ItemNameMapper extends Mapper<LongWritable, Text, TaggedKey, Text> {
  private final TaggedKey key = new TaggedKey();
  private final Text name = new Text();
  private String previous;

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    String item = UserItemPair.parse(line.toString()).itemId();
    if (item.equals(previous)) {
      return;
    }
    previous = item;
    name.set(SimilarItemsJob.NAME_VALUE + item);
    context.write(key.set(MahoutIds.of(item), SimilarItemsJob.ITEM_NAME), name);
  }
}
