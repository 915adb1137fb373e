package io.reco.jobs.references;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.EventJson;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * One referenced id: its master row, if any, arrives first. Events of an active row go to silver by date; of an
 * inactive one to {@code inactive/} (kept, but out of training data); of an unknown id to the quarantine, or to
 * silver for users when {@value ReferencesJob#UNKNOWN_USERS} is {@code keep} (guests); of an erased customer
 * nowhere: they are counted and dropped.
 */
public final class ReferencesReducer extends Reducer<TaggedKey, Text, NullWritable, NullWritable> {
  private DatedAvroFiles<InteractionEvent> silver;
  private MultipleOutputs<NullWritable, NullWritable> text;
  private Reference reference;
  private boolean keepUnknown;

  @Override
  protected void setup(Context context) {
    reference = ReferencesJob.reference(context.getConfiguration());
    keepUnknown = ReferencesJob.keepsUnknown(context.getConfiguration(), reference);
    silver = SilverEvents.files(context, ReferencesJob.SILVER);
    text = new MultipleOutputs<>(context);
  }

  @Override
  protected void reduce(TaggedKey key, Iterable<Text> values, Context context)
      throws IOException, InterruptedException {
    Boolean active = null;
    boolean erased = false;
    for (Text value : values) {
      String v = value.toString();
      if (v.charAt(0) == 'M') {
        erased |= v.charAt(1) == 'X';
        active = v.charAt(1) == '1';
        continue;
      }
      String json = v.substring(1);
      if (erased) {
        context.getCounter(ReferencesCounters.ERASED).increment(1);
      } else if (active == null && keepUnknown) {
        context.getCounter(ReferencesCounters.UNKNOWN_KEPT).increment(1);
        keep(json, context);
      } else if (active == null) {
        context.getCounter(ReferencesCounters.UNKNOWN).increment(1);
        context.getCounter(RejectReason.UNKNOWN_REFERENCE).increment(1);
        String field = reference.eventField();
        String id = key.idAsString();
        text.write(ReferencesJob.QUARANTINE, NullWritable.get(), new Text(Quarantine.record(
            RejectReason.UNKNOWN_REFERENCE.name(), field, field + " " + id,
            field + " '" + id + "' is not in the " + reference.entity() + " snapshot", json)),
            ReferencesJob.QUARANTINE + "/part");
      } else if (!active) {
        context.getCounter(ReferencesCounters.INACTIVE).increment(1);
        text.write(ReferencesJob.INACTIVE, NullWritable.get(), new Text(json), ReferencesJob.INACTIVE + "/part");
      } else {
        keep(json, context);
      }
    }
  }

  private void keep(String json, Context context) throws IOException, InterruptedException {
    InteractionEvent event;
    try {
      event = EventJson.parse(json);
    } catch (InvalidRecordException e) {
      throw new IllegalStateException("a silver event no longer parses: " + e.getMessage() + ": " + json, e);
    }
    silver.write(event, event.getTimestamp());
    context.getCounter(ReferencesCounters.EVENTS_CLEAN).increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    silver.close();
    text.close();
  }
}
