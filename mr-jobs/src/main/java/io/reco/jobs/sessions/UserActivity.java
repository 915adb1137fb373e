package io.reco.jobs.sessions;

import io.reco.jobs.common.CatalogIndex;
import io.reco.records.avro.Customer;
import io.reco.records.avro.EventType;
import io.reco.records.avro.InteractionEvent;
import io.reco.records.avro.OpenSession;
import io.reco.records.avro.Session;
import io.reco.records.avro.Tally;
import io.reco.records.avro.TrainingExample;
import io.reco.records.avro.UserState;
import io.reco.schema.avro.CategoryCounts;
import io.reco.schema.avro.ProductCounts;
import io.reco.schema.avro.UserFeatures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One user's activity: fed the state of the previous run (if any) and then the user's new events in time order, it
 * cuts sessions at the inactivity gap, keeps the mergeable state ({@link UserState}) and derives the user's features
 * from it. A session still open at the run's end stays in the state, so the next run's events continue it: the
 * same events give the same sessions, state and features in one run or in a chain of runs. Knows nothing of
 * MapReduce.
 */
public final class UserActivity {
  private static final double DAY_MS = 86_400_000.0;

  private final long gapMillis;
  private final long dwellCapMillis;
  private final int topProducts;
  private UserState state;
  private TreeSet<String> bought;
  private String pendingUser;

  /**
   * @param gapMillis the inactivity that ends a session
   * @param dwellCapMillis the longest time counted on one page
   * @param topProducts how many products the features list
   */
  public UserActivity(long gapMillis, long dwellCapMillis, int topProducts) {
    if (gapMillis < 1 || dwellCapMillis < 1 || topProducts < 0) {
      throw new IllegalArgumentException("the session gap and dwell cap must be 1 ms or more, top products 0 or more;"
          + " were " + gapMillis + ", " + dwellCapMillis + ", " + topProducts);
    }
    this.gapMillis = gapMillis;
    this.dwellCapMillis = dwellCapMillis;
    this.topProducts = topProducts;
  }

  /** Starts a user: from {@code previous} (copied), or from nothing when null. */
  public void start(String userId, UserState previous) {
    state = previous == null ? null : UserState.newBuilder(previous).build();
    bought = new TreeSet<>(previous == null ? List.of() : previous.getCategoriesBought());
    pendingUser = userId;
  }

  /** Whether the user has any event, from the previous state or since. */
  boolean hasEvents() {
    return state != null;
  }

  /**
   * Adds the user's next event; {@code category} is its product's catalog category, or null. Returns the session
   * that the gap before it closed, if any.
   */
  public Session add(InteractionEvent e, String category) {
    long time = e.getTimestamp();
    Session closed = null;
    if (state == null) {
      state = empty(e);
    } else if (state.getOpen() != null && time - state.getOpen().getEnd() > gapMillis) {
      closed = close();
    } else if (state.getOpen() != null) {
      // the time on the previous event's page: the gap to this one, in the same session
      long dwell = Math.min(time - state.getLastEvent(), dwellCapMillis);
      state.setDwellMs(state.getDwellMs() + dwell);
      state.setDwells(state.getDwells() + 1);
      Tally page = state.getProducts().get(state.getLastProduct());
      page.setDwellMs(page.getDwellMs() + dwell);
      page.setDwells(page.getDwells() + 1);
    }
    if (state.getOpen() == null) {
      state.setOpen(OpenSession.newBuilder().setFirstEventId(e.getEventId()).setStart(time).setEnd(time).setEvents(0)
          .setViews(0).setClicks(0).setAddToCarts(0).setRemovesFromCart(0).setPurchases(0).setRevenue(0)
          .setPastPurchases(state.getPurchases())
          .setAvgPurchaseAmount(state.getPricedPurchases() == 0 ? null
              : state.getMonetary() / state.getPricedPurchases())
          .setLastEventType(e.getEventType()).setProducts(new ArrayList<>()).build());
    }
    OpenSession open = state.getOpen();
    EventType type = e.getEventType();
    open.setEnd(time);
    open.setEvents(open.getEvents() + 1);
    open.setLastEventType(type);
    if (!open.getProducts().contains(e.getProductId())) {
      open.getProducts().add(e.getProductId());
    }
    if (open.getDeviceType() == null && e.getDeviceType() != null) {
      open.setDeviceType(e.getDeviceType());
    }
    state.setEvents(state.getEvents() + 1);
    state.setLastEvent(time);
    state.setLastProduct(e.getProductId());
    count(state.getProducts(), e.getProductId(), type);
    if (category != null) {
      count(state.getCategories(), category, type);
    }
    switch (type) {
      case view -> {
        state.setViews(state.getViews() + 1);
        open.setViews(open.getViews() + 1);
      }
      case click -> {
        state.setClicks(state.getClicks() + 1);
        open.setClicks(open.getClicks() + 1);
      }
      case add_to_cart -> {
        state.setAddToCarts(state.getAddToCarts() + 1);
        open.setAddToCarts(open.getAddToCarts() + 1);
      }
      case remove_from_cart -> {
        state.setRemovesFromCart(state.getRemovesFromCart() + 1);
        open.setRemovesFromCart(open.getRemovesFromCart() + 1);
      }
      case purchase -> {
        state.setPurchases(state.getPurchases() + 1);
        open.setPurchases(open.getPurchases() + 1);
        if (category != null && bought.add(category)) {
          state.setCategoriesBought(new ArrayList<>(bought));
        }
        if (e.getPrice() != null) {
          double amount = e.getPrice() * (e.getQuantity() == null ? 1 : e.getQuantity());
          state.setMonetary(state.getMonetary() + amount);
          state.setPricedPurchases(state.getPricedPurchases() + 1);
          open.setRevenue(open.getRevenue() + amount);
        }
      }
    }
    if (e.getPrice() != null) {
      state.setPriceSum(state.getPriceSum() + e.getPrice());
      state.setPriced(state.getPriced() + 1);
    }
    count(state.getDevices(), e.getDeviceType());
    count(state.getReferrers(), e.getReferrer());
    count(state.getPageContexts(), e.getPageContext());
    return closed;
  }

  /**
   * The training example of {@code e}, the user's next event (not yet added), with the user's features as of the
   * moment before it and the pair's; {@code item} is its catalog entry or null. The item's features are left at
   * zero for the item side to fill.
   */
  public TrainingExample example(InteractionEvent e, CatalogIndex.Entry item) {
    long time = e.getTimestamp();
    java.time.ZonedDateTime at = java.time.Instant.ofEpochMilli(time).atZone(java.time.ZoneOffset.UTC);
    TrainingExample.Builder x = TrainingExample.newBuilder().setEventId(e.getEventId()).setUserId(e.getUserId())
        .setItemId(e.getProductId()).setTimestamp(time).setEventType(e.getEventType())
        .setLabel(e.getEventType() == EventType.purchase ? 1 : 0).setHourOfDay(at.getHour())
        .setDayOfWeek(at.getDayOfWeek().getValue()).setItemCategory(item == null ? null : item.category())
        .setItemPrice(item == null ? null : item.price()).setItemViews(0).setItemPurchases(0)
        .setItemConversionRate(0).setItemPopularity(0).setItemTrendingScore(0).setItemRecencyScore(0);
    UserState s = state;
    if (s == null) {
      return x.setPositionInSession(1).setUserInteractions(0).setUserPurchases(0).setUserSessions(0)
          .setItemAffinity(0).setCategoryAffinity(0).setCategoryMatch(false).build();
    }
    OpenSession open = s.getOpen();
    boolean continues = open != null && time - open.getEnd() <= gapMillis;
    Tally onItem = s.getProducts().get(e.getProductId());
    Tally inCategory = item == null ? null : s.getCategories().get(item.category());
    String favourite = null;
    long most = 0;
    for (Map.Entry<String, Tally> c : s.getCategories().entrySet()) {
      long n = c.getValue().getInteractions();
      if (n > most || n == most && favourite != null && c.getKey().compareTo(favourite) < 0) {
        favourite = c.getKey();
        most = n;
      }
    }
    Double avgPrice = s.getPriced() == 0 ? null : s.getPriceSum() / s.getPriced();
    return x.setPositionInSession(continues ? open.getEvents() + 1 : 1).setUserInteractions(s.getEvents())
        .setUserPurchases(s.getPurchases()).setUserSessions(s.getSessions()).setUserAvgPrice(avgPrice)
        .setUserRecencyHours((time - s.getLastEvent()) / 3_600_000.0).setUserFavouriteCategory(favourite)
        .setItemAffinity(onItem == null ? 0 : (double) onItem.getInteractions() / s.getEvents())
        .setCategoryAffinity(inCategory == null ? 0 : (double) inCategory.getInteractions() / s.getEvents())
        .setCategoryMatch(item != null && item.category().equals(favourite))
        .setPriceMatch(item == null || avgPrice == null || avgPrice == 0 ? null : item.price() / avgPrice).build();
  }

  /**
   * At the run's end: closes the open session if no later event can continue it (more than the gap before
   * {@code asOf}) and returns it; a session that may still continue stays open in the state.
   */
  Session closeIdle(long asOf) {
    return state != null && state.getOpen() != null && asOf - state.getOpen().getEnd() > gapMillis ? close() : null;
  }

  private UserState empty(InteractionEvent first) {
    return UserState.newBuilder().setUserId(pendingUser).setAsOf(Long.MIN_VALUE).setFirstEvent(first.getTimestamp())
        .setLastEvent(first.getTimestamp()).setLastProduct(first.getProductId()).setEvents(0).setViews(0).setClicks(0)
        .setAddToCarts(0).setRemovesFromCart(0).setPurchases(0).setProducts(new HashMap<>())
        .setCategories(new HashMap<>()).setCategoriesBought(new ArrayList<>()).setSessions(0).setSessionMs(0)
        .setDwellMs(0).setDwells(0).setMonetary(0).setPricedPurchases(0).setPriceSum(0).setPriced(0)
        .setDevices(new HashMap<>()).setReferrers(new HashMap<>()).setPageContexts(new HashMap<>()).build();
  }

  private Session close() {
    OpenSession o = state.getOpen();
    state.setOpen(null);
    state.setSessions(state.getSessions() + 1);
    state.setSessionMs(state.getSessionMs() + (o.getEnd() - o.getStart()));
    return Session.newBuilder().setSessionId(id(state.getUserId(), o.getFirstEventId()))
        .setUserId(state.getUserId()).setStart(o.getStart()).setEnd(o.getEnd())
        .setDurationMs(o.getEnd() - o.getStart()).setEvents(o.getEvents()).setViews(o.getViews())
        .setClicks(o.getClicks()).setAddToCarts(o.getAddToCarts()).setRemovesFromCart(o.getRemovesFromCart())
        .setPurchases(o.getPurchases())
        .setAvgGapMs(o.getEvents() < 2 ? null : (double) (o.getEnd() - o.getStart()) / (o.getEvents() - 1))
        .setLastEventType(o.getLastEventType()).setCartAbandoned(o.getAddToCarts() > 0 && o.getPurchases() == 0)
        .setRevenue(o.getRevenue()).setProducts(List.copyOf(o.getProducts())).setDeviceType(o.getDeviceType())
        .setUserPastPurchases(o.getPastPurchases()).setUserAvgPurchaseAmount(o.getAvgPurchaseAmount()).build();
  }

  /** The state to keep, as of {@code asOf}. */
  UserState state(long asOf) {
    requireEvents();
    state.setAsOf(asOf);
    return state;
  }

  /** The user's features as of {@code asOf}, with the demographics of {@code customer} when there is one. */
  UserFeatures features(long asOf, Customer customer) {
    requireEvents();
    UserState s = state;
    double weeks = Math.max(DAY_MS, asOf - s.getFirstEvent()) / (7 * DAY_MS);
    List<CategoryCounts> categories = s.getCategories().entrySet().stream()
        .sorted(Map.Entry.<String, Tally>comparingByValue(Comparator.comparingLong(Tally::getInteractions).reversed())
            .thenComparing(Map.Entry.comparingByKey()))
        .map(c -> new CategoryCounts(c.getKey(), c.getValue().getInteractions(), c.getValue().getViews(),
            c.getValue().getPurchases()))
        .toList();
    List<ProductCounts> products = s.getProducts().entrySet().stream()
        .sorted(Map.Entry.<String, Tally>comparingByValue(Comparator.comparingLong(Tally::getInteractions).reversed())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(topProducts)
        .map(p -> new ProductCounts(p.getKey(), p.getValue().getInteractions(), p.getValue().getViews(),
            p.getValue().getPurchases(), mean(p.getValue().getDwellMs(), p.getValue().getDwells())))
        .toList();
    Long joined = customer == null ? null : customer.getJoinDate();
    return UserFeatures.newBuilder().setUserId(s.getUserId()).setAsOf(asOf).setInteractions(s.getEvents())
        .setViews(s.getViews()).setClicks(s.getClicks()).setAddToCarts(s.getAddToCarts())
        .setPurchases(s.getPurchases()).setDistinctProducts(s.getProducts().size()).setSessions(s.getSessions())
        .setAvgSessionDurationMs(s.getSessions() == 0 ? 0 : (double) s.getSessionMs() / s.getSessions())
        .setAvgDwellMs(mean(s.getDwellMs(), s.getDwells()))
        .setFirstInteraction(s.getFirstEvent()).setLastInteraction(s.getLastEvent())
        .setRecencyDays(Math.max(0, asOf - s.getLastEvent()) / DAY_MS)
        .setInteractionsPerWeek(s.getEvents() / weeks).setMonetary(s.getMonetary())
        .setAvgPurchaseAmount(s.getPricedPurchases() == 0 ? null : s.getMonetary() / s.getPricedPurchases())
        .setAvgPrice(s.getPriced() == 0 ? null : s.getPriceSum() / s.getPriced())
        .setDiversity(s.getPurchases() == 0 ? null : (double) s.getCategoriesBought().size() / s.getPurchases())
        .setDistinctCategories(categories.size())
        .setFavouriteCategory(categories.isEmpty() ? null : categories.get(0).getCategory())
        .setCategories(categories).setTopProducts(products)
        .setDevice(mode(s.getDevices())).setReferrer(mode(s.getReferrers())).setPageContext(mode(s.getPageContexts()))
        .setAgeGroup(customer == null ? null : customer.getAgeGroup())
        .setGender(customer == null ? null : customer.getGender())
        .setLocation(customer == null ? null : customer.getLocation())
        .setSegment(customer == null ? null : customer.getSegment())
        .setTenureDays(joined == null ? null : Math.max(0, asOf - joined) / DAY_MS)
        .build();
  }

  private void requireEvents() {
    if (state == null) {
      throw new IllegalStateException("a user without events has no state or features");
    }
  }

  private static Double mean(long sum, long count) {
    return count == 0 ? null : (double) sum / count;
  }

  private static void count(Map<String, Tally> tallies, String key, EventType type) {
    Tally t = tallies.computeIfAbsent(key, k -> new Tally(0L, 0L, 0L, 0L, 0L));
    t.setInteractions(t.getInteractions() + 1);
    if (type == EventType.view) {
      t.setViews(t.getViews() + 1);
    } else if (type == EventType.purchase) {
      t.setPurchases(t.getPurchases() + 1);
    }
  }

  private static void count(Map<String, Long> counts, String value) {
    if (value != null && !value.isEmpty()) {
      counts.merge(value, 1L, Long::sum);
    }
  }

  /** The most frequent value; of equally frequent ones the first by name, so that every run picks the same. */
  private static String mode(Map<String, Long> counts) {
    String best = null;
    long most = 0;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() > most || e.getValue() == most && e.getKey().compareTo(best) < 0) {
        best = e.getKey();
        most = e.getValue();
      }
    }
    return best;
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

  /** For tests: every session closed by {@code events} (one user's, in time order) and the run's end at asOf. */
  static List<Session> sessions(long gapMillis, String user, List<InteractionEvent> events, long asOf) {
    UserActivity a = new UserActivity(gapMillis, gapMillis, 0);
    a.start(user, null);
    List<Session> out = new ArrayList<>();
    for (InteractionEvent e : events) {
      Session s = a.add(e, null);
      if (s != null) {
        out.add(s);
      }
    }
    Session last = a.closeIdle(asOf);
    if (last != null) {
      out.add(last);
    }
    return out;
  }
}
