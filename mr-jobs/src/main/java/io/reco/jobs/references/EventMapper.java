package io.reco.jobs.references;

import io.reco.schema.RecordJson;
import io.reco.schema.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;

/** Emits each silver event under its product id, as {@code E} and its canonical JSON. */
public final class EventMapper extends Mapper<AvroKey<InteractionEvent>, NullWritable, ProductKey, Text> {
  private final ProductKey key = new ProductKey();
  private final Text value = new Text();

  @Override
  protected void map(AvroKey<InteractionEvent> event, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    context.getCounter(ReferencesCounters.EVENTS_READ).increment(1);
    value.set("E" + RecordJson.toJson(event.datum()));
    context.write(key.set(event.datum().getProductId(), ProductKey.EVENT), value);
  }
}
