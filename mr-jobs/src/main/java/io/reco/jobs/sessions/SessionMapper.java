package io.reco.jobs.sessions;

import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.avro.Customer;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.UserState;
import java.io.IOException;
import org.apache.avro.mapred.AvroKey;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Keys what the sessions job reads by user: the customer record first, then the previous state, then the events
 * in time order (the secondary sort sessions are cut from), those of the run's {@link EventWindow} only.
 */
public final class SessionMapper extends Mapper<AvroKey<Object>, NullWritable, TaggedKey, AvroValue<Object>> {
  static final byte CUSTOMER = 1;
  static final byte STATE = 2;
  static final byte EVENT = 3;
  private final TaggedKey key = new TaggedKey();
  private final AvroValue<Object> value = new AvroValue<>();
  private EventWindow window;

  @Override
  protected void setup(Context context) {
    window = new EventWindow(context);
  }

  @Override
  protected void map(AvroKey<Object> record, NullWritable ignored, Context context)
      throws IOException, InterruptedException {
    Object datum = record.datum();
    value.datum(datum);
    if (datum instanceof InteractionEvent e) {
      if (window.admit(e)) {
        context.write(key.set(e.getUserId(), EVENT).thenBy(e.getTimestamp()).thenBy(e.getEventId()), value);
      }
    } else if (datum instanceof UserState s) {
      context.write(key.set(s.getUserId(), STATE), value);
    } else {
      context.write(key.set(((Customer) datum).getCustomerId(), CUSTOMER), value);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    window.close();
  }
}
