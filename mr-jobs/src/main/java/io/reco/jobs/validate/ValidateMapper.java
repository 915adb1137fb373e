package io.reco.jobs.validate;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.HeldOutput;
import io.reco.jobs.common.RawFileInputFormat;
import io.reco.jobs.common.RawFileVerdicts;
import io.reco.jobs.common.RawLine;
import io.reco.jobs.common.ReasonCounts;
import io.reco.jobs.common.SilverEvents;
import io.reco.jobs.quality.EventProfiler;
import io.reco.jobs.quality.RecordProfile;
import io.reco.records.EventJson;
import io.reco.records.EventRules;
import io.reco.records.InvalidRecordException;
import io.reco.records.RejectReason;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.raw.FileProblem;
import io.reco.records.raw.Quarantine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Parses and checks each raw line: good events go to silver under the date of their event time, the service's own
 * impressions beside them to {@code impressions/} (the feedback the models never learn from), the rest to the
 * quarantine. What a file's lines produce is held back ({@link HeldOutput}) until {@link RawFileInputFormat} gives
 * the file's verdict: a file that matches its manifest is released to the outputs, one that does not is quarantined
 * whole, as one entry of {@code files/} with its problem, and none of its records goes anywhere else. Every file read
 * has its line in {@code files/}. Each task profiles what it released ({@link RecordProfile}) as one line of
 * {@code profile/}.
 */
public final class ValidateMapper extends Mapper<RawLine, Text, NullWritable, NullWritable> {
  private static final byte EVENT = 0;
  private static final byte REJECT = 1;
  private static final byte IMPRESSION = 2;
  /** Bytes of a line past the length bound kept in its quarantine entry. */
  private static final int KEPT_OF_LONG_LINE = 1024;

  private final RecordProfile profile = new RecordProfile();
  private final SpecificDatumWriter<InteractionEvent> encoder = new SpecificDatumWriter<>(InteractionEvent.class);
  private final HeldOutput held = new HeldOutput();
  private final ReasonCounts fileReasons = new ReasonCounts();
  private BinaryEncoder binary;
  private EventRules.Window rules;
  private EventJson.Parser parser;
  private int maxLine;
  private MultipleOutputs<NullWritable, NullWritable> outputs;
  private DatedAvroFiles<InteractionEvent> silver;
  private DatedAvroFiles<InteractionEvent> impressions;
  private RecordProfile fileProfile;
  private EventProfiler fileEvents;
  private long fileValid;
  private long fileImpressions;
  private long fileQuarantined;
  private long lines;
  private long valid;
  private long impressionCount;
  private long quarantined;
  private long filesRejected;
  private long linesInRejectedFiles;

  @Override
  protected void setup(Context context) {
    rules = EventRules.ofRun(context.getConfiguration());
    parser = EventJson.parser(context.getConfiguration());
    maxLine = context.getConfiguration().getInt(RawFileInputFormat.MAX_LINE_BYTES, Integer.MAX_VALUE);
    outputs = new MultipleOutputs<>(context);
    silver = SilverEvents.files(context, ValidateJob.SILVER);
    impressions = SilverEvents.files(context, ValidateJob.IMPRESSIONS);
    // unbuffered: each event's bytes are in the held entry when the write returns
    binary = EncoderFactory.get().directBinaryEncoder(held.stream(), null);
    startFile();
  }

  private void startFile() {
    fileProfile = new RecordProfile();
    fileEvents = new EventProfiler();
    fileValid = 0;
    fileImpressions = 0;
    fileQuarantined = 0;
    fileReasons.clear();
  }

  @Override
  protected void map(RawLine key, Text line, Context context) throws IOException, InterruptedException {
    if (key.isEnd()) {
      endFile(key, context);
      return;
    }
    fileProfile.read();
    try {
      if (key.tooLong()) {
        throw new InvalidRecordException(RejectReason.LIMIT_EXCEEDED, null, "line longer than " + maxLine
            + " bytes (" + RawFileInputFormat.MAX_LINE_BYTES + ")");
      }
      if (isBlank(line)) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "blank line");
      }
      // parsed from the line's bytes: only a rejected line is decoded, for the quarantine
      InteractionEvent event = parser.parse(line.getBytes(), 0, line.getLength());
      rules.check(event);
      fileEvents.observe(event);
      boolean impression = event.getEventType() == EventType.impression;
      held.begin(impression ? IMPRESSION : EVENT, DatedAvroFiles.dayOf(event.getTimestamp()));
      encoder.write(event, binary);
      held.end();
      if (impression) {
        fileImpressions++;
      } else {
        fileValid++;
      }
    } catch (InvalidRecordException e) {
      fileQuarantined++;
      fileReasons.add(e.reason());
      String source = key.position();
      int kept = key.tooLong() ? KEPT_OF_LONG_LINE : line.getLength();
      fileProfile.reject(e.reason().name(), e.field(), source, e.getMessage(),
          new String(line.getBytes(), 0, kept, StandardCharsets.UTF_8));
      // the line's bytes exactly, as text where they are UTF-8, else in base64
      byte[] entry = Quarantine.record(e.reason().name(), e.field(), source, e.getMessage(), line.getBytes(), 0, kept)
          .getBytes(StandardCharsets.UTF_8);
      held.add(REJECT, 0, entry, 0, entry.length);
    }
  }

  /** Releases or drops what the file produced, by its verdict, and writes its line in {@code files/}. */
  private void endFile(RawLine end, Context context) throws IOException, InterruptedException {
    lines += end.lines();
    FileProblem problem = end.problem();
    if (problem == null) {
      held.release((tag, day, bytes, offset, length) -> {
        if (tag == EVENT) {
          silver.writeEncoded(bytes, offset, length, day);
        } else if (tag == IMPRESSION) {
          impressions.writeEncoded(bytes, offset, length, day);
        } else {
          outputs.write(ValidateJob.QUARANTINE, NullWritable.get(), new Text(new String(bytes, offset, length,
              StandardCharsets.UTF_8)), ValidateJob.QUARANTINE + "/part");
        }
      });
      fileEvents.addTo(fileProfile);
      profile.merge(fileProfile);
      valid += fileValid;
      impressionCount += fileImpressions;
      quarantined += fileQuarantined;
      fileReasons.addTo(context);
    } else {
      held.discard();
      filesRejected++;
      linesInRejectedFiles += end.lines();
      context.getCounter(problem).increment(1);
    }
    outputs.write(ValidateJob.FILES, NullWritable.get(), new Text(RawFileVerdicts.toJson(end,
        fileValid + fileImpressions,
        fileQuarantined)), ValidateJob.FILES + "/part");
    startFile();
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
    context.getCounter(ValidateCounters.LINES_READ).increment(lines);
    context.getCounter(ValidateCounters.EVENTS_VALID).increment(valid);
    context.getCounter(ValidateCounters.IMPRESSIONS).increment(impressionCount);
    context.getCounter(ValidateCounters.LINES_QUARANTINED).increment(quarantined);
    context.getCounter(ValidateCounters.FILES_REJECTED).increment(filesRejected);
    context.getCounter(ValidateCounters.LINES_IN_REJECTED_FILES).increment(linesInRejectedFiles);
    outputs.write(ValidateJob.PROFILE, NullWritable.get(), new Text(profile.toJson()), ValidateJob.PROFILE + "/part");
    outputs.close();
    silver.close();
    impressions.close();
    held.close();
  }
}
