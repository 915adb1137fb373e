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
 * The first pass: the copies of one event_id, ordered by user. Copies of one user are the same event sent again:
 * {@link EarliestCopy} keeps one, written to {@code kept/} for the second pass, the others go to {@code duplicates/}
 * with the reason. An id that events of two or more users carry is a conflict: no copy can be trusted, and from the
 * second user on every copy, the one held included, goes to {@code conflicts/}. Holds one copy.
 */
public final class EventIdReducer
    extends Reducer<TaggedKey, AvroValue<InteractionEvent>, NullWritable, NullWritable> {
  private final EarliestCopy copies = new EarliestCopy();
  private DatedAvroFiles<InteractionEvent> kept;
  private MultipleOutputs<NullWritable, NullWritable> rejects;
  private Counter duplicates;
  private Counter conflicts;

  @Override
  protected void setup(Context context) {
    kept = SilverEvents.files(context, CleanJob.KEPT);
    rejects = new MultipleOutputs<>(context);
    duplicates = context.getCounter(CleanCounters.DUPLICATES);
    conflicts = context.getCounter(CleanCounters.CONFLICTS);
  }

  @Override
  protected void reduce(TaggedKey id, Iterable<AvroValue<InteractionEvent>> values, Context context)
      throws IOException, InterruptedException {
    String firstUser = null;
    boolean conflict = false;
    for (AvroValue<InteractionEvent> value : values) {
      InteractionEvent event = value.datum();
      String user = event.getUserId();
      if (firstUser == null) {
        firstUser = user;
      } else if (!conflict && !firstUser.equals(user)) {
        conflict = true;
        conflict(copies.take(), firstUser, user);
      }
      if (conflict) {
        conflict(event, firstUser, user);
        continue;
      }
      // the framework reuses the datum: the copy held must be one of our own
      InteractionEvent duplicate = copies.offer(InteractionEvent.newBuilder(event).build());
      if (duplicate != null) {
        String eventId = duplicate.getEventId();
        rejects.write(CleanJob.DUPLICATES, NullWritable.get(), new Text(Quarantine.record(
            RejectReason.DUPLICATE_ID.name(), "event_id", "event_id " + eventId,
            "event_id " + eventId + " was already taken by the event kept in silver", RecordJson.toJson(duplicate))),
            CleanJob.DUPLICATES + "/part");
        duplicates.increment(1);
      }
    }
    if (!conflict) {
      InteractionEvent one = copies.take();
      kept.write(one, one.getTimestamp());
    }
  }

  private void conflict(InteractionEvent event, String firstUser, String otherUser)
      throws IOException, InterruptedException {
    String eventId = event.getEventId();
    rejects.write(CleanJob.CONFLICTS, NullWritable.get(), new Text(Quarantine.record(
        RejectReason.CONFLICTING_ID.name(), "event_id", "event_id " + eventId, "event_id " + eventId
            + " is carried by events of users '" + firstUser + "' and '" + otherUser + "': none is kept",
        RecordJson.toJson(event))), CleanJob.CONFLICTS + "/part");
    conflicts.increment(1);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    kept.close();
    rejects.close();
  }
}
