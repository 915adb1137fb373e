package io.reco.jobs.sessions;

import io.reco.jobs.common.CatalogIndex;
import io.reco.jobs.common.DatedAvroFiles;
import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.TaggedKey;
import io.reco.records.Settings;
import io.reco.records.avro.Customer;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import io.reco.records.avro.UserState;
import io.reco.schema.avro.UserFeatures;
import java.io.IOException;
import org.apache.avro.mapred.AvroValue;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * One user: the previous state and the new events in time order, cut into sessions (each filed by the date it
 * started), the new state and the features, with the customer's demographics and the catalog's categories.
 */
public final class SessionReducer extends Reducer<TaggedKey, AvroValue<Object>, NullWritable, NullWritable> {
  private UserActivity activity;
  private CatalogIndex catalog;
  private long asOf;
  private DatedAvroFiles<Session> sessions;
  private DatedAvroFiles<UserState> states;
  private DatedAvroFiles<UserFeatures> features;

  @Override
  protected void setup(Context context) throws IOException {
    Configuration conf = context.getConfiguration();
    long gap = Settings.getLong(conf, SessionsJob.GAP_MINUTES) * 60_000L;
    activity = new UserActivity(gap, Settings.getLong(conf, SessionsJob.DWELL_CAP_MINUTES) * 60_000L,
        Settings.getInt(conf, SessionsJob.TOP_PRODUCTS));
    catalog = CatalogIndex.load(conf);
    asOf = EventWindow.asOf(conf);
    sessions = new DatedAvroFiles<>(context, SessionsJob.SESSIONS, Session.getClassSchema());
    states = new DatedAvroFiles<>(context, SessionsJob.STATE, UserState.getClassSchema());
    features = new DatedAvroFiles<>(context, SessionsJob.FEATURES, UserFeatures.getClassSchema());
  }

  @Override
  protected void reduce(TaggedKey user, Iterable<AvroValue<Object>> values, Context context)
      throws IOException, InterruptedException {
    Customer customer = null;
    boolean started = false;
    boolean merged = false;
    for (AvroValue<Object> value : values) {
      Object datum = value.datum();
      if (datum instanceof Customer c) {
        customer = Customer.newBuilder(c).build();
        continue;
      }
      if (!started) {
        activity.start(user.idAsString(), datum instanceof UserState s ? s : null);
        started = true;
      }
      if (datum instanceof InteractionEvent e) {
        merged = true;
        write(activity.add(e, catalog.category(e.getProductId())), context);
      }
    }
    if (!started) {
      return; // a customer without events
    }
    if (!merged) {
      context.getCounter(SessionsJob.Counters.STATES_CARRIED).increment(1);
    }
    write(activity.closeIdle(asOf), context);
    // filed under the last day merged: a run as of midnight files under the day before it
    long day = asOf - 1;
    states.write(activity.state(asOf), day);
    features.write(activity.features(asOf, customer), day);
    context.getCounter(SessionsJob.Counters.USERS).increment(1);
    if (customer != null) {
      context.getCounter(SessionsJob.Counters.WITH_CUSTOMER).increment(1);
    }
  }

  private void write(Session session, Context context) throws IOException, InterruptedException {
    if (session != null) {
      sessions.write(session, session.getStart());
      context.getCounter(SessionsJob.Counters.SESSIONS).increment(1);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    sessions.close();
    states.close();
    features.close();
  }
}
