package io.reco.jobs.sessions;

import io.reco.jobs.common.TaggedKey;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/** Keys each silver event by its user, then its time and id: the secondary sort the sessions are cut from. */
public final class SessionMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, TaggedKey,
    AvroValue<InteractionEvent>> {
  private static final byte EVENT = 'E';
  private final TaggedKey key = new TaggedKey();
  private final AvroValue<InteractionEvent> value = new AvroValue<>();

  @Override
  protected void map(AvroKey<InteractionEvent> event, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    InteractionEvent e = event.datum();
    value.datum(e);
    context.write(key.set(e.getUserId(), EVENT).thenBy(e.getTimestamp()).thenBy(e.getEventId()), value);
  }
}
