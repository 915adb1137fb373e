package io.reco.jobs.interactions;

import java.io.IOException;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges the stats of one (user, item) pair on the map side. */
public final class PairStatsCombiner extends Reducer<Text, PairStats, Text, PairStats> {
  private final PairStats merged = new PairStats();

  @Override
  protected void reduce(Text pair, Iterable<PairStats> values, Context context)
      throws IOException, InterruptedException {
    merged.mergeAll(values);
    context.write(pair, merged);
  }
}
