package io.reco.jobs.validate;

import io.reco.ingest.raw.Quarantine;
import io.reco.schema.RecordJson;
import io.reco.schema.RejectReason;
import io.reco.schema.avro.InteractionEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.avro.mapreduce.AvroMultipleOutputs;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Keeps one event per event_id: the earliest, ties broken by its JSON form, so the choice does not depend on the
 * order the copies arrive in. It goes to silver under the date of its event time; the other copies go to the
 * duplicates output, each with the id it lost to.
 */
public final class ValidateReducer extends Reducer<Text, AvroValue<InteractionEvent>, NullWritable, NullWritable> {
  private AvroMultipleOutputs silver;
  private MultipleOutputs<NullWritable, NullWritable> duplicates;

  @Override
  protected void setup(Context context) {
    silver = new AvroMultipleOutputs(context);
    duplicates = new MultipleOutputs<>(context);
  }

  @Override
  protected void reduce(Text eventId, Iterable<AvroValue<InteractionEvent>> copies, Context context)
      throws IOException, InterruptedException {
    // The values iterator reuses its datum: an event is copied only when another shares its id.
    Iterator<AvroValue<InteractionEvent>> values = copies.iterator();
    InteractionEvent kept = values.next().datum();
    List<String> others = new ArrayList<>();
    if (values.hasNext()) {
      kept = InteractionEvent.newBuilder(kept).build();
      String keptJson = RecordJson.toJson(kept);
      while (values.hasNext()) {
        InteractionEvent event = values.next().datum();
        String json = RecordJson.toJson(event);
        if (event.getTimestamp() < kept.getTimestamp()
            || (event.getTimestamp() == kept.getTimestamp() && json.compareTo(keptJson) < 0)) {
          others.add(keptJson);
          kept = InteractionEvent.newBuilder(event).build();
          keptJson = json;
        } else {
          others.add(json);
        }
      }
    }
    LocalDate date = LocalDate.ofInstant(Instant.ofEpochMilli(kept.getTimestamp()), ZoneOffset.UTC);
    silver.write(ValidateJob.SILVER, new AvroKey<>(kept), NullWritable.get(), ValidateJob.SILVER + "/dt=" + date
        + "/part");
    context.getCounter(ValidateCounters.EVENTS_CLEAN).increment(1);
    for (String json : others) {
      context.getCounter(ValidateCounters.DUPLICATES).increment(1);
      duplicates.write(ValidateJob.DUPLICATES, NullWritable.get(),
          new Text(Quarantine.record(RejectReason.DUPLICATE_ID.name(), "event_id", "event_id " + eventId,
              "event_id " + eventId + " was already taken by the event kept in silver", json)),
          ValidateJob.DUPLICATES + "/part");
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    silver.close();
    duplicates.close();
  }
}
