package io.reco.jobs.references;

import io.reco.ingest.raw.Quarantine;
import io.reco.schema.EventJson;
import io.reco.schema.InvalidRecordException;
import io.reco.schema.RejectReason;
import io.reco.schema.avro.InteractionEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * One product: its catalog row, if any, arrives first. Events of an active product go to silver by date; of an
 * inactive one to {@code inactive/} (kept, but out of training data); of an unknown one to the quarantine.
 */
public final class ReferencesReducer extends Reducer<ProductKey, Text, NullWritable, NullWritable> {
  private AvroMultipleOutputs silver;
  private MultipleOutputs<NullWritable, NullWritable> text;

  @Override
  protected void setup(Context context) {
    silver = new AvroMultipleOutputs(context);
    text = new MultipleOutputs<>(context);
  }

  @Override
  protected void reduce(ProductKey key, Iterable<Text> values, Context context)
      throws IOException, InterruptedException {
    Boolean active = null;
    for (Text value : values) {
      String v = value.toString();
      if (v.charAt(0) == 'C') {
        active = v.charAt(1) == '1';
        continue;
      }
      String json = v.substring(1);
      if (active == null) {
        context.getCounter(ReferencesCounters.UNKNOWN_PRODUCT).increment(1);
        context.getCounter(RejectReason.UNKNOWN_REFERENCE).increment(1);
        text.write(ReferencesJob.QUARANTINE, NullWritable.get(), new Text(Quarantine.record(
            RejectReason.UNKNOWN_REFERENCE.name(), "product_id", "product_id " + key.productId(),
            "product '" + key.productId() + "' is not in the catalog snapshot", json)),
            ReferencesJob.QUARANTINE + "/part");
      } else if (!active) {
        context.getCounter(ReferencesCounters.INACTIVE_PRODUCT).increment(1);
        text.write(ReferencesJob.INACTIVE, NullWritable.get(), new Text(json), ReferencesJob.INACTIVE + "/part");
      } else {
        InteractionEvent event;
        try {
          event = EventJson.parse(json);
        } catch (InvalidRecordException e) {
          throw new IllegalStateException("a silver event no longer parses: " + e.getMessage() + ": " + json, e);
        }
        LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(event.getTimestamp()), ZoneOffset.UTC);
        silver.write(ReferencesJob.SILVER, new AvroKey<>(event), NullWritable.get(),
            ReferencesJob.SILVER + "/dt=" + date + "/part");
        context.getCounter(ReferencesCounters.EVENTS_CLEAN).increment(1);
      }
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    silver.close();
    text.close();
  }
}
