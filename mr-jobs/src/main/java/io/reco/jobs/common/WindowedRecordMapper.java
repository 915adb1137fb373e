package io.reco.jobs.common;

import io.reco.records.avro.InteractionEvent;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * The mapper of a feature job that reads a union of records (events, states, master rows) and shuffles each under
 * its {@link TaggedKey}: events outside the job's {@link EventWindow} are set aside there, every other record is
 * keyed by {@link #key}.
 */
public abstract class WindowedRecordMapper
    extends Mapper<AvroKey<Object>, NullWritable, TaggedKey, AvroValue<Object>> {
  private final TaggedKey key = new TaggedKey();
  private final AvroValue<Object> value = new AvroValue<>();
  private EventWindow window;

  /** Sets {@code key} to the shuffle key of {@code datum} and returns it. */
  protected abstract TaggedKey key(Object datum, TaggedKey key);

  @Override
  protected void setup(Context context) {
    window = new EventWindow(context);
  }

  @Override
  protected void map(AvroKey<Object> record, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    Object datum = record.datum();
    if (datum instanceof InteractionEvent e && !window.admit(e)) {
      return;
    }
    value.datum(datum);
    context.write(key(datum, key), value);
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    window.close();
  }
}
