package io.reco.jobs.sessions;

import io.reco.jobs.common.EventWindow;
import io.reco.jobs.common.TaggedKey;
import io.reco.jobs.common.WindowedRecordMapper;
import io.reco.records.avro.Customer;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.UserState;

/**
 * Keys what the sessions job reads by user: the customer record first, then the previous state, then the events
 * in time order (the secondary sort sessions are cut from), those of the run's {@link EventWindow} only.
 */
public final class SessionMapper extends WindowedRecordMapper {
  static final byte CUSTOMER = 1;
  static final byte STATE = 2;
  static final byte EVENT = 3;

  @Override
  protected TaggedKey key(Object datum, TaggedKey key) {
    if (datum instanceof InteractionEvent e) {
      return key.set(e.getUserId(), EVENT).thenBy(e.getTimestamp()).thenBy(e.getEventId());
    }
    if (datum instanceof UserState s) {
      return key.set(s.getUserId(), STATE);
    }
    return key.set(((Customer) datum).getCustomerId(), CUSTOMER);
  }
}
