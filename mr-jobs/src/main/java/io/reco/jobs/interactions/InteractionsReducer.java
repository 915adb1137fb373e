package io.reco.jobs.interactions;

import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Merges one (user, item) pair and writes it twice: as a {@code pairs} line for our jobs, and as a
 * {@code userHash,itemHash,weight} line for Mahout under {@code prefs}.
 */
public final class InteractionsReducer extends Reducer<Text, PairStats, NullWritable, Text> {
  /** Output with the {@link UserItemPair} lines. */
  public static final String PAIRS = "pairs";
  /** Output with Mahout's preference lines. */
  public static final String PREFS = "prefs";

  private final PairStats merged = new PairStats();
  private final Text line = new Text();
  private MultipleOutputs<NullWritable, Text> outputs;

  @Override
  protected void setup(Context context) {
    outputs = new MultipleOutputs<>(context);
  }

  @Override
  protected void reduce(Text pair, Iterable<PairStats> values, Context context)
      throws IOException, InterruptedException {
    merged.mergeAll(values);
    String key = pair.toString();
    int tab = key.indexOf('\t');
    String user = key.substring(0, tab);
    String item = key.substring(tab + 1);
    UserItemPair merged = new UserItemPair(user, item, this.merged.weight(), this.merged.lastTimestamp(),
        this.merged.events());
    line.set(merged.format());
    outputs.write(PAIRS, NullWritable.get(), line, PAIRS + "/part");
    line.set(merged.prefsLine());
    outputs.write(PREFS, NullWritable.get(), line, PREFS + "/part");
    context.getCounter(InteractionsCounters.PAIRS).increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
  }
}
