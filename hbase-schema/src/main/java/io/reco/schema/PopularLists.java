package io.reco.schema;

/** Names of the rows of {@link RecoTables#POPULAR}: the popularity lists and the trending lists. */
public final class PopularLists {
  /** The list over all items. */
  public static final String GLOBAL = "global";
  /** The trending list over all items. */
  public static final String TRENDING = "trending";

  private PopularLists() {
  }

  /** The list of one category. */
  public static String category(String category) {
    return "category:" + category;
  }

  /** The trending list of one category. */
  public static String trendingCategory(String category) {
    return TRENDING + ":category:" + category;
  }
}
