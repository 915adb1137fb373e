package io.reco.jobs.clean;

import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Keys each validated event by its user. */
public final class CleanMapper
    extends Mapper<AvroKey<InteractionEvent>, NullWritable, Text, AvroValue<InteractionEvent>> {
  private final Text user = new Text();
  private final AvroValue<InteractionEvent> value = new AvroValue<>();

  @Override
  protected void map(AvroKey<InteractionEvent> key, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    context.getCounter(CleanCounters.EVENTS_READ).increment(1);
    user.set(key.datum().getUserId());
    value.datum(key.datum());
    context.write(user, value);
  }
}
