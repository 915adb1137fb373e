package io.reco.schema;

/** Names of the rows of {@link RecoTables#POPULAR}. */
public final class PopularLists {
  /** The list over all items. */
  public static final String GLOBAL = "global";

  private PopularLists() {
  }

  /** The list of one category. */
  public static String category(String category) {
    return "category:" + category;
  }
}
