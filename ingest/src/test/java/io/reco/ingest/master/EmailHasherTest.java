package io.reco.ingest.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmailHasherTest {
  /** The key {@code MasterSyncToolTest} uses too. */
  static final String KEY = "0123456789abcdef-test-key";
  /** HMAC-SHA256 of "alice.smith@example.com" under {@link #KEY}, computed with Python's hmac module. */
  static final String ALICE = "c47ab02f2dbd402eafbadfcda12664ad9de0df9e38c98aeb872a5e7deadce57f";

  private final EmailHasher hasher = new EmailHasher(KEY.getBytes(StandardCharsets.UTF_8));

  @Test
  void hashIsHexHmacSha256OfTheTrimmedLowerCasedAddress() {
    assertEquals(ALICE, hasher.hash("alice.smith@example.com"));
    assertEquals(ALICE, hasher.hash("  Alice.Smith@EXAMPLE.com\t"));
    assertNotEquals(ALICE, hasher.hash("alice.smith@example.org"));
    assertNotEquals(ALICE, new EmailHasher("another-key-of-16-bytes".getBytes(StandardCharsets.UTF_8))
        .hash("alice.smith@example.com"));
  }

  @Test
  void refusesShortKeys() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EmailHasher("short".getBytes(StandardCharsets.UTF_8)));
    assertEquals("the e-mail hash key must be at least 16 bytes, is 5", e.getMessage());
  }

  @Test
  void masksEveryTokenWithAnAt() {
    assertEquals("c5,[email],25-34", EmailHasher.mask("c5,erin@example.com,25-34"));
    assertEquals("{\"email\":\"[email]\",\"x\":\"[email]\"}",
        EmailHasher.mask("{\"email\":\"a.b+c@d.example\",\"x\":\"weird@\"}"));
    assertEquals("Unrecognized token '[email]': was expecting",
        EmailHasher.mask("Unrecognized token 'mallory@example.com': was expecting"));
    assertEquals("no address here", EmailHasher.mask("no address here"));
    assertTrue(EmailHasher.looksLikeAddress("backup: frank.b@example.com"));
    assertFalse(EmailHasher.looksLikeAddress("Shop @ Main Street"));
    assertFalse(EmailHasher.looksLikeAddress(null));
  }
}
