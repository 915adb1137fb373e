package io.reco.jobs.clean;

import io.reco.jobs.common.TaggedKey;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/** The first pass: keys each validated event by its event_id, ordered by user, so the copies of an id meet. */
public final class EventIdMapper
    extends Mapper<AvroKey<InteractionEvent>, NullWritable, TaggedKey, AvroValue<InteractionEvent>> {
  private final TaggedKey key = new TaggedKey();
  private final AvroValue<InteractionEvent> value = new AvroValue<>();

  @Override
  protected void map(AvroKey<InteractionEvent> event, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    context.getCounter(CleanCounters.EVENTS_READ).increment(1);
    InteractionEvent e = event.datum();
    value.datum(e);
    context.write(key.set(e.getEventId(), CleanJob.EVENT).thenBy(e.getUserId()), value);
  }
}
