package io.reco.jobs.validate;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.quality.EventProfiler;
import io.reco.jobs.quality.RecordProfile;
import io.reco.records.EventJson;
import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Parses and checks each raw line: good events go to silver under the date of their event time, the rest to the
 * quarantine. Each task profiles what it read ({@link RecordProfile}) and writes the profile as one line of
 * {@code profile/}.
 */
public final class ValidateMapper extends Mapper<LongWritable, Text, NullWritable, NullWritable> {
  private final RecordProfile profile = new RecordProfile();
  private final EventProfiler events = new EventProfiler();
  private EventRules.Window rules;
  private MultipleOutputs<NullWritable, NullWritable> outputs;
  private DatedAvroFiles<InteractionEvent> silver;
  /** Counted here and added to the job's counters once, in cleanup: a counter increment per line costs 5%. */
  private long valid;

  @Override
  protected void setup(Context context) {
    rules = EventRules.ofRun(context.getConfiguration());
    outputs = new MultipleOutputs<>(context);
    silver = SilverEvents.files(context, ValidateJob.SILVER);

  }

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    profile.read();
    try {
      if (isBlank(line)) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "blank line");
      }
      // parsed from the line's bytes: only a rejected line is decoded, for the quarantine
      InteractionEvent event = EventJson.parse(line.getBytes(), 0, line.getLength());
      rules.check(event);
      events.observe(event);
      silver.write(event, event.getTimestamp());
      valid++;
    } catch (InvalidRecordException e) {
      String text = line.toString();
      context.getCounter(ValidateCounters.LINES_QUARANTINED).increment(1);
      context.getCounter(e.reason()).increment(1);
      String source = context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE, "?") + ":" + offset.get();
      profile.reject(e.reason().name(), e.field(), source, e.getMessage(), text);
      outputs.write(ValidateJob.QUARANTINE, NullWritable.get(),
          new Text(Quarantine.record(e.reason().name(), e.field(), source, e.getMessage(), text)),
          ValidateJob.QUARANTINE + "/part");
    }
  }

  private static boolean isBlank(Text line) {
    byte[] bytes = line.getBytes();
    for (int i = 0; i < line.getLength(); i++) {
      if (!Character.isWhitespace(bytes[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    context.getCounter(ValidateCounters.LINES_READ).increment(profile.records());
    context.getCounter(ValidateCounters.EVENTS_VALID).increment(valid);
    events.addTo(profile);
    outputs.write(ValidateJob.PROFILE, NullWritable.get(), new Text(profile.toJson()), ValidateJob.PROFILE + "/part");
    outputs.close();
    silver.close();
  }
}
