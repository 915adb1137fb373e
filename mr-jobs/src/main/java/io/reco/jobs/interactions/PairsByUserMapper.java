package io.reco.jobs.interactions;

import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Reads {@code pairs} lines and groups them by user: {@code user -> weight TAB item}, for jobs that need baskets. */
public final class PairsByUserMapper extends Mapper<LongWritable, Text, Text, Text> {
  private final Text user = new Text();
  private final Text value = new Text();

  /** The weight of a value this mapper wrote. */
  public static int weight(String value) {
    return Integer.parseInt(value.substring(0, value.indexOf('\t')));
  }

  /** The item of a value this mapper wrote. */
  public static String item(String value) {
    return value.substring(value.indexOf('\t') + 1);
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    UserItemPair pair = UserItemPair.parse(line.toString());
    user.set(pair.userId());
    value.set(pair.weight() + "\t" + pair.itemId());
    context.write(user, value);
  }
}
