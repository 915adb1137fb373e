package io.reco.jobs.sessions;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import io.reco.schema.avro.UserFeatures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One user's features, fed the user's events in time order and the sessions {@link SessionBuilder} cut from them.
 * Every figure is a sum, count, min or max of the events, or a ratio of those, so that the same events give the
 * same features whatever the order of the runs. Knows nothing of MapReduce.
 */
final class UserFeaturesBuilder {
  private static final double DAY_MS = 86_400_000.0;

  private final long gapMillis;
  private final long asOf;
  private long interactions;
  private final long[] byType = new long[EventType.values().length];
  private final Set<String> products = new HashSet<>();
  private final Set<String> purchased = new HashSet<>();
  private long sessions;
  private long sessionMillis;
  private long dwellMillis;
  private long dwells;
  private long first;
  private long last;
  private double monetary;
  private double priceSum;
  private long priced;
  private final Map<String, Integer> devices = new HashMap<>();
  private final Map<String, Integer> referrers = new HashMap<>();

  UserFeaturesBuilder(long gapMillis, long asOf) {
    this.gapMillis = gapMillis;
    this.asOf = asOf;
  }

  /** Starts a new user. */
  void user() {
    interactions = 0;
    java.util.Arrays.fill(byType, 0);
    products.clear();
    purchased.clear();
    sessions = 0;
    sessionMillis = 0;
    dwellMillis = 0;
    dwells = 0;
    monetary = 0;
    priceSum = 0;
    priced = 0;
    devices.clear();
    referrers.clear();
  }

  /** The user's next event, in time order. */
  void add(InteractionEvent e) {
    long time = e.getTimestamp();
    if (interactions == 0) {
      first = time;
    } else if (time - last <= gapMillis) {
      // the time spent on the previous event's page: the gap to the next event of the same session
      dwellMillis += time - last;
      dwells++;
    }
    last = time;
    interactions++;
    byType[e.getEventType().ordinal()]++;
    products.add(e.getProductId());
    if (e.getPrice() != null) {
      priceSum += e.getPrice();
      priced++;
    }
    if (e.getEventType() == EventType.purchase) {
      purchased.add(e.getProductId());
      if (e.getPrice() != null) {
        monetary += e.getPrice() * (e.getQuantity() == null ? 1 : e.getQuantity());
      }
    }
    count(devices, e.getDeviceType());
    count(referrers, e.getReferrer());
  }

  /** One of the user's sessions. */
  void session(Session s) {
    sessions++;
    sessionMillis += s.getDurationMs();
  }

  /** The features of the user fed so far. */
  UserFeatures build() {
    long purchases = byType[EventType.purchase.ordinal()];
    double weeks = Math.max(DAY_MS, asOf - first) / (7 * DAY_MS);
    return UserFeatures.newBuilder().setAsOf(asOf).setInteractions(interactions)
        .setViews(byType[EventType.view.ordinal()]).setClicks(byType[EventType.click.ordinal()])
        .setAddToCarts(byType[EventType.add_to_cart.ordinal()]).setPurchases(purchases)
        .setDistinctProducts(products.size()).setSessions(sessions)
        .setAvgSessionDurationMs(sessions == 0 ? 0 : (double) sessionMillis / sessions)
        .setAvgDwellMs(dwells == 0 ? null : (double) dwellMillis / dwells)
        .setFirstInteraction(first).setLastInteraction(last)
        .setRecencyDays(Math.max(0, asOf - last) / DAY_MS).setInteractionsPerWeek(interactions / weeks)
        .setMonetary(monetary).setAvgPrice(priced == 0 ? null : priceSum / priced)
        .setDiversity(purchases == 0 ? null : (double) purchased.size() / purchases)
        .setDevice(mode(devices)).setReferrer(mode(referrers)).build();
  }

  private static void count(Map<String, Integer> counts, String value) {
    if (value != null && !value.isEmpty()) {
      counts.merge(value, 1, Integer::sum);
    }
  }

  /** The most frequent value; of equally frequent ones the first in order, so that every run picks the same. */
  private static String mode(Map<String, Integer> counts) {
    String best = null;
    int most = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > most || e.getValue() == most && e.getKey().compareTo(best) < 0) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
  }
}
