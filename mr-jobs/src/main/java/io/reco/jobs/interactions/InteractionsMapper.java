package io.reco.jobs.interactions;

import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Emits {@code user TAB item -> PairStats} for one silver event: weighted by its type, at its time. Silver events met
 * every rule already; nothing here judges them again.
 */
public final class InteractionsMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, Text, PairStats> {
  private final Text pair = new Text();
  private final PairStats stats = new PairStats();
  private long read;

  @Override
  protected void map(AvroKey<InteractionEvent> key, NullWritable none, Context context)
      throws IOException, InterruptedException {
    InteractionEvent event = key.datum();
    read++;
    pair.set(event.getUserId() + '\t' + event.getProductId());
    stats.set(InteractionWeights.of(event.getEventType()), event.getTimestamp(), 1);
    context.write(pair, stats);
  }

  @Override
  protected void cleanup(Context context) {
    context.getCounter(InteractionsCounters.EVENTS_READ).increment(read);
  }
}
