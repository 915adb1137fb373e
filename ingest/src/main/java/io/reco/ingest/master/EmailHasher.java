package io.reco.ingest.master;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an e-mail address by its keyed hash: hex HMAC-SHA256 of the trimmed, lower-cased address. The same
 * address always gives the same hash under one key, so customers can be joined on it, while nobody without the key
 * can test a guessed address against it. Also masks anything that looks like an address in text that is kept as it
 * arrived. Not thread-safe.
 */
public final class EmailHasher {
  /** The shortest key accepted: shorter keys make the hash open to guessing. */
  public static final int MIN_KEY_BYTES = 16;
  /** What a masked address reads as. */
  public static final String MASK = "[email]";

  private static final String SEPARATORS = "\\s\"'`,;:<>()\\[\\]{}|\\\\";
  private static final Pattern TOKEN_WITH_AT = Pattern.compile("[^" + SEPARATORS + "]*@[^" + SEPARATORS + "]*");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");

  private final Mac mac;

  /** A hasher under {@code key}, at least {@link #MIN_KEY_BYTES} bytes. */
  public EmailHasher(byte[] key) {
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("the e-mail hash key must be at least " + MIN_KEY_BYTES + " bytes, is "
          + key.length);
    }
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("the JVM has no HmacSHA256", e);
    }
  }

  /** The keyed hash of {@code email}, 64 hex digits; addresses differing only in case or blanks hash equally. */
  public String hash(String email) {
    byte[] normalised = email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return HexFormat.of().formatHex(mac.doFinal(normalised));
  }

  /** {@code text} with every token containing {@code @} replaced by {@link #MASK}. */
  public static String mask(String text) {
    return text == null || text.indexOf('@') < 0 ? text : TOKEN_WITH_AT.matcher(text).replaceAll(MASK);
  }

  /** Whether {@code value} holds something shaped like an e-mail address. */
  public static boolean looksLikeAddress(String value) {
    return value != null && ADDRESS.matcher(value).find();
  }
}
