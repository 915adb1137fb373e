package io.reco.jobs.references;

import io.reco.jobs.common.TaggedKey;
import io.reco.records.RecordJson;
import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Emits each silver event under the id it refers by, as {@code E} and its canonical JSON. */
public final class EventMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, TaggedKey, Text> {
  private final TaggedKey key = new TaggedKey();
  private final Text value = new Text();
  private Reference reference;

  @Override
  protected void setup(Context context) {
    reference = ReferencesJob.reference(context.getConfiguration());
  }

  @Override
  protected void map(AvroKey<InteractionEvent> event, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    context.getCounter(ReferencesCounters.EVENTS_READ).increment(1);
    value.set("E" + RecordJson.toJson(event.datum()));
    context.write(key.set(reference.idOf(event.datum()), ReferencesJob.EVENT), value);
  }
}
