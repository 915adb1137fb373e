package io.reco.jobs.clean;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.SilverEvents;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Judges one user's events with {@link UserTimeline}: clean ones to silver by date, near duplicates and bot traffic
 * to their own outputs with the reason. A user's events are held in memory while judged.
 */
public final class CleanReducer extends Reducer<Text, AvroValue<InteractionEvent>, NullWritable, NullWritable> {
  private UserTimeline timeline;
  private DatedAvroFiles<InteractionEvent> silver;
  private MultipleOutputs<NullWritable, NullWritable> rejects;

  @Override
  protected void setup(Context context) {
    timeline = CleanJob.timeline(context.getConfiguration());
    silver = SilverEvents.files(context, CleanJob.SILVER);
    rejects = new MultipleOutputs<>(context);
  }

  @Override
  protected void reduce(Text user, Iterable<AvroValue<InteractionEvent>> values, Context context)
      throws IOException, InterruptedException {
    List<InteractionEvent> events = new ArrayList<>();
    for (AvroValue<InteractionEvent> value : values) {
      events.add(InteractionEvent.newBuilder(value.datum()).build());
    }
    UserTimeline.Verdict verdict = timeline.judge(events);
    for (InteractionEvent e : verdict.clean()) {
      silver.write(e, e.getTimestamp());
    }
    context.getCounter(CleanCounters.EVENTS_CLEAN).increment(verdict.clean().size());
    for (InteractionEvent e : verdict.duplicates()) {
      rejects.write(CleanJob.DUPLICATES, NullWritable.get(), new Text(Quarantine.record(
          RejectReason.DUPLICATE_ID.name(), "event_id", "event_id " + e.getEventId(),
          "event_id " + e.getEventId() + " was already taken by the event kept in silver", RecordJson.toJson(e))),
          CleanJob.DUPLICATES + "/part");
    }
    context.getCounter(CleanCounters.DUPLICATES).increment(verdict.duplicates().size());
    for (InteractionEvent e : verdict.nearDuplicates()) {
      reject(CleanJob.NEAR_DUPLICATES, "near-duplicates", CleanJob.NEAR_DUPLICATE,
          "the same product and event type again within " + timeline.duplicateWindowMs() + " ms", e);
    }
    context.getCounter(CleanCounters.NEAR_DUPLICATES).increment(verdict.nearDuplicates().size());
    if (!verdict.botEvents().isEmpty()) {
      context.getCounter(CleanCounters.BOT_USERS).increment(1);
      for (InteractionEvent e : verdict.botEvents()) {
        reject(CleanJob.BOTS, CleanJob.BOTS, CleanJob.BOT, "user " + user + ": " + verdict.botReason(), e);
      }
      context.getCounter(CleanCounters.BOT_EVENTS).increment(verdict.botEvents().size());
    }
  }

  private void reject(String output, String directory, String reason, String message, InteractionEvent e)
      throws IOException, InterruptedException {
    rejects.write(output, NullWritable.get(), new Text(Quarantine.record(reason, null, "event_id " + e.getEventId(),
        message, RecordJson.toJson(e))), directory + "/part");
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    silver.close();
    rejects.close();
  }
}
