package io.reco.jobs.sessions;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/** One user's events in time order, cut into sessions, each filed by the date it started. */
public final class SessionReducer extends Reducer<TaggedKey, AvroValue<InteractionEvent>, NullWritable,
    NullWritable> {
  private SessionBuilder sessions;
  private DatedAvroFiles<Session> out;

  @Override
  protected void setup(Context context) {
    sessions = new SessionBuilder(Settings.getLong(context.getConfiguration(), SessionsJob.GAP_MINUTES) * 60_000L);
    out = new DatedAvroFiles<>(context, SessionsJob.SESSIONS, Session.getClassSchema());
  }

  @Override
  protected void reduce(TaggedKey user, Iterable<AvroValue<InteractionEvent>> events, Context context)
      throws IOException, InterruptedException {
    sessions.user(user.idAsString());
    for (AvroValue<InteractionEvent> event : events) {
      context.getCounter(SessionsJob.Counters.EVENTS).increment(1);
      write(sessions.add(event.datum()), context);
    }
    write(sessions.finish(), context);
    context.getCounter(SessionsJob.Counters.USERS).increment(1);
  }

  private void write(Session session, Context context) throws IOException, InterruptedException {
    if (session != null) {
      out.write(session, session.getStart());
      context.getCounter(SessionsJob.Counters.SESSIONS).increment(1);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    out.close();
  }
}
