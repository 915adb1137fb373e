package io.reco.jobs.clean;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.RecordJson;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * The second pass: one user's event times, then the events, both in time order. {@link BotDetector} judges the
 * times; by the first event the verdict is final, so a bot's events all stream to {@code bots/} and nobody else's
 * do. Other users' events pass {@link NearDuplicates} and go to silver by date or to {@code near-duplicates/}.
 * Holds no more than the rules' windows.
 */
public final class TimelineReducer extends Reducer<TaggedKey, BytesWritable, NullWritable, NullWritable> {
  private final TimelineValue values = new TimelineValue();
  private BotDetector bots;
  private NearDuplicates repeats;
  private String repeatMessage;
  private DatedAvroFiles<InteractionEvent> silver;
  private MultipleOutputs<NullWritable, NullWritable> rejects;
  private Counter clean;
  private Counter nearDuplicates;
  private Counter botEvents;
  private Counter botUsers;

  @Override
  protected void setup(Context context) {
    CleanRules rules = CleanJob.rules(context.getConfiguration());
    bots = rules.botDetector();
    repeats = rules.nearDuplicates();
    repeatMessage = "the same product and event type again within " + rules.duplicateWindowMs() + " ms";
    silver = SilverEvents.files(context, CleanJob.SILVER);
    rejects = new MultipleOutputs<>(context);
    clean = context.getCounter(CleanCounters.EVENTS_CLEAN);
    nearDuplicates = context.getCounter(CleanCounters.NEAR_DUPLICATES);
    botEvents = context.getCounter(CleanCounters.BOT_EVENTS);
    botUsers = context.getCounter(CleanCounters.BOT_USERS);
  }

  @Override
  protected void reduce(TaggedKey user, Iterable<BytesWritable> timeline, Context context)
      throws IOException, InterruptedException {
    bots.reset();
    repeats.reset();
    boolean judged = false;
    String botReason = null;
    for (BytesWritable value : timeline) {
      byte kind = TimelineValue.kind(value);
      if (kind != TimelineValue.EVENT) {
        bots.add(TimelineValue.timeOf(value), kind == TimelineValue.VIEW);
        continue;
      }
      if (!judged) {
        judged = true;
        botReason = bots.reason();
        if (botReason != null) {
          botUsers.increment(1);
          botReason = "user " + user.idAsString() + ": " + botReason;
        }
      }
      InteractionEvent event = values.eventOf(value);
      if (botReason != null) {
        reject(CleanJob.BOTS, CleanJob.BOTS, RejectReason.BOT, botReason, event);
        botEvents.increment(1);
      } else if (repeats.isNearDuplicate(event)) {
        reject(CleanJob.NEAR_DUPLICATES, CleanJob.NEAR_DUPLICATES_DIR, RejectReason.NEAR_DUPLICATE, repeatMessage,
            event);
        nearDuplicates.increment(1);
      } else {
        silver.write(event, event.getTimestamp());
        clean.increment(1);
      }
    }
  }

  private void reject(String output, String directory, RejectReason reason, String message,
      InteractionEvent event) throws IOException, InterruptedException {
    rejects.write(output, NullWritable.get(), new Text(Quarantine.record(reason.name(), null,
        "event_id " + event.getEventId(), message, RecordJson.toJson(event))), directory + "/part");
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    silver.close();
    rejects.close();
  }
}
