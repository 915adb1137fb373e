package io.reco.jobs.clean;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * The first pass: one user's events in event_id order. Of each id's copies {@link EarliestCopy} keeps one, written
 * to {@code kept/} for the second pass; the others go to {@code duplicates/} with the reason. Holds one copy.
 */
public final class EventIdReducer
    extends Reducer<TaggedKey, AvroValue<InteractionEvent>, NullWritable, NullWritable> {
  private final EarliestCopy copies = new EarliestCopy();
  private DatedAvroFiles<InteractionEvent> kept;
  private MultipleOutputs<NullWritable, NullWritable> rejects;
  private Counter duplicates;

  @Override
  protected void setup(Context context) {
    kept = SilverEvents.files(context, CleanJob.KEPT);
    rejects = new MultipleOutputs<>(context);
    duplicates = context.getCounter(CleanCounters.DUPLICATES);
  }

  @Override
  protected void reduce(TaggedKey user, Iterable<AvroValue<InteractionEvent>> values, Context context)
      throws IOException, InterruptedException {
    for (AvroValue<InteractionEvent> value : values) {
      InteractionEvent event = value.datum();
      if (copies.isAnotherId(event)) {
        keep(copies.take());
      }
      // the framework reuses the datum: the copy held must be one of our own
      InteractionEvent duplicate = copies.offer(InteractionEvent.newBuilder(event).build());
      if (duplicate != null) {
        String id = duplicate.getEventId();
        rejects.write(CleanJob.DUPLICATES, NullWritable.get(), new Text(Quarantine.record(
            RejectReason.DUPLICATE_ID.name(), "event_id", "event_id " + id,
            "event_id " + id + " was already taken by the event kept in silver", RecordJson.toJson(duplicate))),
            CleanJob.DUPLICATES + "/part");
        duplicates.increment(1);
      }
    }
    keep(copies.take());
  }

  private void keep(InteractionEvent event) throws IOException, InterruptedException {
    kept.write(event, event.getTimestamp());
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    kept.close();
    rejects.close();
  }
}
