package io.reco.records;

import org.apache.hadoop.conf.Configuration;

/**
 * The most one event line may cost to read: JSON from outside is hostile until parsed, and these bounds, checked
 * while the line streams by, make a parser give up early on a line built to exhaust it (an array nested thousands
 * deep, a number of a million digits). Breaking one is {@link RejectReason#LIMIT_EXCEEDED}, naming its key.
 *
 * @param maxDepth how deep objects and arrays may nest, the event object itself counting as 1
 * @param maxNumberLength the most characters of one number
 * @param maxIdLength the most characters of an id: event, user, product, session and order ids, the event type
 * @param maxTextLength the most characters of any other text: device type, page context, referrer, each metadata
 *     key and value
 * @param maxMetadataEntries the most entries of {@code metadata}
 */
public record EventLimits(int maxDepth, int maxNumberLength, int maxIdLength, int maxTextLength,
    int maxMetadataEntries) {
  /** Nesting depth of objects and arrays. */
  public static final String MAX_DEPTH = "reco.events.max-depth";
  /** Characters of one number. */
  public static final String MAX_NUMBER_LENGTH = "reco.events.max-number-length";
  /** Characters of an id. */
  public static final String MAX_ID_LENGTH = "reco.events.max-id-length";
  /** Characters of any other text. */
  public static final String MAX_TEXT_LENGTH = "reco.events.max-text-length";
  /** Entries of {@code metadata}. */
  public static final String MAX_METADATA_ENTRIES = "reco.events.max-metadata-entries";
  private static final EventLimits DEFAULTS = from(new Configuration(false));

  /** Checks the bounds; the error names the key of one that makes no sense. */
  public EventLimits {
    atLeast(MAX_DEPTH, maxDepth, 2, " (the event object and its metadata)");
    atLeast(MAX_NUMBER_LENGTH, maxNumberLength, 1, "");
    atLeast(MAX_ID_LENGTH, maxIdLength, 1, "");
    atLeast(MAX_TEXT_LENGTH, maxTextLength, 1, "");
    atLeast(MAX_METADATA_ENTRIES, maxMetadataEntries, 0, "");
  }

  /** The bounds as {@code conf} sets them, each defaulting to the one declared in the settings reference. */
  public static EventLimits from(Configuration conf) {
    return new EventLimits(Settings.getInt(conf, MAX_DEPTH), Settings.getInt(conf, MAX_NUMBER_LENGTH),
        Settings.getInt(conf, MAX_ID_LENGTH), Settings.getInt(conf, MAX_TEXT_LENGTH),
        Settings.getInt(conf, MAX_METADATA_ENTRIES));
  }

  /** The bounds the settings reference declares. */
  public static EventLimits defaults() {
    return DEFAULTS;
  }

  private static void atLeast(String key, int value, int least, String why) {
    if (value < least) {
      throw new IllegalArgumentException(key + " must be " + least + " or more" + why + ", was " + value);
    }
  }
}
