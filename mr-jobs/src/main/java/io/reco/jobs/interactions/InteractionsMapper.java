package io.reco.jobs.interactions;

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
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * Parses one JSON line and checks it against the {@link EventRules} every gate applies; emits
 * {@code user TAB item -> PairStats}, or quarantines the line with its reason.
 */
public final class InteractionsMapper extends Mapper<LongWritable, Text, Text, PairStats> {
  private final Text pair = new Text();
  private final PairStats stats = new PairStats();
  private MultipleOutputs<Text, PairStats> outputs;
  private EventRules.Window rules;

  @Override
  protected void setup(Context context) {
    outputs = new MultipleOutputs<>(context);
    rules = EventRules.ofRun(context.getConfiguration());
  }

  @Override
  protected void map(LongWritable offset, Text line, Context context) throws IOException, InterruptedException {
    context.getCounter(InteractionsCounters.LINES_READ).increment(1);
    String text = line.toString();
    InteractionEvent event;
    try {
      if (text.isBlank()) {
        throw new InvalidRecordException(RejectReason.MALFORMED_JSON, null, "blank line");
      }
      event = EventJson.parse(text);
      rules.check(event);
    } catch (InvalidRecordException e) {
      context.getCounter(InteractionsCounters.LINES_QUARANTINED).increment(1);
      context.getCounter(e.reason()).increment(1);
      outputs.write(Quarantine.OUTPUT, NullWritable.get(),
          new Text(Quarantine.record(e.reason().name(), e.field(), source(context) + ":" + offset.get(),
              e.getMessage(), text)),
          Quarantine.OUTPUT + "/part");
      return;
    }
    context.getCounter(InteractionsCounters.EVENTS_USED).increment(1);
    pair.set(event.getUserId() + '\t' + event.getProductId());
    stats.set(InteractionWeights.of(event.getEventType()), event.getTimestamp(), 1);
    context.write(pair, stats);
  }

  /** The file being read; a combined split spans several, and the reader names the current one in the conf. */
  private static String source(Context context) {
    String file = context.getConfiguration().get(MRJobConfig.MAP_INPUT_FILE);
    if (file != null) {
      return file;
    }
    return context.getInputSplit() instanceof FileSplit split ? split.getPath().toString() : "unknown";
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    outputs.close();
  }
}
