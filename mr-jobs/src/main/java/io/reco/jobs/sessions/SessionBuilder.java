package io.reco.jobs.sessions;

import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts one user's events, fed in time order, into sessions: a new one starts when the gap to the previous event is
 * longer than {@code gapMillis}. Keeps the user's purchase history as it goes, so that each session carries the
 * history before it. Knows nothing of MapReduce.
 */
final class SessionBuilder {
  private final long gapMillis;
  private String user;
  private long pastPurchases;
  private long pricedPurchases;
  private double purchaseAmount;
  private Open open;

  /** The session being built. */
  private static final class Open {
    final Set<String> products = new LinkedHashSet<>();
    final String firstEventId;
    long start;
    long end;
    int events;
    int[] byType = new int[EventType.values().length];
    double revenue;
    long purchasesBefore;
    Double avgBefore;
    String device;
    EventType last;

    Open(String firstEventId) {
      this.firstEventId = firstEventId;
    }
  }

  SessionBuilder(long gapMillis) {
    if (gapMillis < 1) {
      throw new IllegalArgumentException("the session gap must be 1 ms or more, was " + gapMillis);
    }
    this.gapMillis = gapMillis;
  }

  /** Starts a new user: their history so far is empty. */
  void user(String userId) {
    user = userId;
    pastPurchases = 0;
    pricedPurchases = 0;
    purchaseAmount = 0;
    open = null;
  }

  /** Adds the user's next event; returns the session it closed, if the gap before it closed one. */
  Session add(InteractionEvent e) {
    Session closed = null;
    if (open != null && e.getTimestamp() - open.end > gapMillis) {
      closed = close();
    }
    if (open == null) {
      open = new Open(e.getEventId());
      open.start = e.getTimestamp();
      open.purchasesBefore = pastPurchases;
      open.avgBefore = pricedPurchases == 0 ? null : purchaseAmount / pricedPurchases;
    }
    open.end = e.getTimestamp();
    open.events++;
    open.byType[e.getEventType().ordinal()]++;
    open.products.add(e.getProductId());
    open.last = e.getEventType();
    if (open.device == null && e.getDeviceType() != null) {
      open.device = e.getDeviceType();
    }
    if (e.getEventType() == EventType.purchase) {
      pastPurchases++;
      if (e.getPrice() != null) {
        double amount = e.getPrice() * (e.getQuantity() == null ? 1 : e.getQuantity());
        open.revenue += amount;
        pricedPurchases++;
        purchaseAmount += amount;
      }
    }
    return closed;
  }

  /** Closes the session being built, if any (at the user's last event). */
  Session finish() {
    return open == null ? null : close();
  }

  private Session close() {
    Open o = open;
    open = null;
    int purchases = o.byType[EventType.purchase.ordinal()];
    int carts = o.byType[EventType.add_to_cart.ordinal()];
    return Session.newBuilder().setSessionId(id(user, o.firstEventId)).setUserId(user).setStart(o.start).setEnd(o.end)
        .setDurationMs(o.end - o.start).setEvents(o.events).setViews(o.byType[EventType.view.ordinal()])
        .setClicks(o.byType[EventType.click.ordinal()]).setAddToCarts(carts)
        .setRemovesFromCart(o.byType[EventType.remove_from_cart.ordinal()]).setPurchases(purchases)
        .setAvgGapMs(o.events < 2 ? null : (double) (o.end - o.start) / (o.events - 1))
        .setLastEventType(o.last).setCartAbandoned(carts > 0 && purchases == 0).setRevenue(o.revenue)
        .setProducts(new ArrayList<>(o.products)).setDeviceType(o.device)
        .setUserPastPurchases(o.purchasesBefore).setUserAvgPurchaseAmount(o.avgBefore).build();
  }

  /** A session's id: the first 16 bytes of SHA-256 over the user and the first event's id, in hex. */
  static String id(String user, String firstEventId) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(user.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(firstEventId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** For tests: every session of {@code events}, one user's, in time order. */
  static List<Session> all(long gapMillis, String user, List<InteractionEvent> events) {
    SessionBuilder b = new SessionBuilder(gapMillis);
    b.user(user);
    List<Session> out = new ArrayList<>();
    for (InteractionEvent e : events) {
      Session s = b.add(e);
      if (s != null) {
        out.add(s);
      }
    }
    Session last = b.finish();
    if (last != null) {
      out.add(last);
    }
    return out;
  }
}
