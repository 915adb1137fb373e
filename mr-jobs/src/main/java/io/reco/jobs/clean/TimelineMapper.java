package io.reco.jobs.clean;

import io.reco.jobs.common.TaggedKey;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The second pass: emits each kept event twice under its user, in time order: its time (and whether it is a view),
 * tagged to sort before all of the user's events, and the event itself ({@link TimelineValue}). The reducer judges
 * the user on the times, then streams the events.
 */
public final class TimelineMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, TaggedKey, BytesWritable> {
  private final TaggedKey key = new TaggedKey();
  private final BytesWritable value = new BytesWritable();
  private final TimelineValue values = new TimelineValue();

  @Override
  protected void map(AvroKey<InteractionEvent> event, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    InteractionEvent e = event.datum();
    long time = e.getTimestamp();
    values.time(value, time, e.getEventType() == EventType.view);
    context.write(key.set(e.getUserId(), CleanJob.TIME).thenBy(time), value);
    values.event(value, e);
    context.write(key.set(e.getUserId(), CleanJob.EVENT).thenBy(time).thenBy(e.getEventId()), value);
  }
}
