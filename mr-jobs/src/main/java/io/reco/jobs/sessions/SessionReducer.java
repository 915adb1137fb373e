package io.reco.jobs.sessions;

import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.Settings;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import io.reco.schema.FeatureCells;
import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.mapreduce.lib.output.MultipleOutputs;

/**
 * One user's events in time order, cut into sessions, each filed by the date it started, and the user's features
 * as the cell of {@code reco:user_features} (user id to {@link FeatureCells} bytes, the load job's input).
 */
public final class SessionReducer extends Reducer<TaggedKey, AvroValue<InteractionEvent>, NullWritable,
    NullWritable> {
  private SessionBuilder sessions;
  private UserFeaturesBuilder features;
  private DatedAvroFiles<Session> out;
  private MultipleOutputs<Text, BytesWritable> cells;
  private final Text userId = new Text();
  private final BytesWritable cell = new BytesWritable();

  @Override
  protected void setup(Context context) {
    long gap = Settings.getLong(context.getConfiguration(), SessionsJob.GAP_MINUTES) * 60_000L;
    sessions = new SessionBuilder(gap);
    features = new UserFeaturesBuilder(gap, context.getConfiguration().getLong(SessionsJob.AS_OF, 0));
    out = new DatedAvroFiles<>(context, SessionsJob.SESSIONS, Session.getClassSchema());
    @SuppressWarnings({"unchecked", "rawtypes"})
    MultipleOutputs<Text, BytesWritable> named = new MultipleOutputs(context);
    cells = named;
  }

  @Override
  protected void reduce(TaggedKey user, Iterable<AvroValue<InteractionEvent>> events, Context context)
      throws IOException, InterruptedException {
    sessions.user(user.idAsString());
    features.user();
    for (AvroValue<InteractionEvent> event : events) {
      context.getCounter(SessionsJob.Counters.EVENTS).increment(1);
      write(sessions.add(event.datum()), context);
      features.add(event.datum());
    }
    write(sessions.finish(), context);
    userId.set(user.idAsString());
    byte[] bytes = FeatureCells.encode(features.build());
    cell.set(bytes, 0, bytes.length);
    cells.write(SessionsJob.FEATURE_CELLS, userId, cell, SessionsJob.USER_FEATURES + "/part");
    context.getCounter(SessionsJob.Counters.USERS).increment(1);
  }

  private void write(Session session, Context context) throws IOException, InterruptedException {
    if (session != null) {
      out.write(session, session.getStart());
      features.session(session);
      context.getCounter(SessionsJob.Counters.SESSIONS).increment(1);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    out.close();
    cells.close();
  }
}
