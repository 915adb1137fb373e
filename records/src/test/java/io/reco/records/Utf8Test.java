package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"41", "7F", "C2 80", "DF BF", "E0 A0 80", "ED 9F BF", "EE 80 80", "EF BF BF",
      "F0 90 80 80", "F4 8F BF BF", "EF BB BF"})
  void wellFormedSequencesAtTheEdgesOfEachRangeAreValid(String hex) {
    byte[] b = bytes(hex);
    assertTrue(Utf8.isValid(b, 0, b.length));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"80", "C0 80", "C1 BF", "C2", "C2 41", "E0 80 AF", "E0 9F BF", "E1 80", "ED A0 80",
      "ED BF BF", "F0 8F BF BF", "F4 90 80 80", "F5 80 80 80", "F8 88 80 80 80", "FE", "FF", "E2 28 A1",
      "F0 9F 98 41"})
  void illFormedSequencesAreInvalid(String hex) {
    byte[] b = bytes(hex);
    assertFalse(Utf8.isValid(b, 0, b.length));
  }

  @Test
  void textInManyScriptsIsValid() {
    byte[] b = "é 日本 😀 ascii".getBytes(StandardCharsets.UTF_8);
    assertTrue(Utf8.isValid(b, 0, b.length));
  }

  @Test
  void theFirstInvalidSequenceIsLocated() {
    byte[] b = bytes("41 42 C3 A9 C0 80 43");
    assertEquals(4, Utf8.firstInvalid(b, 0, b.length));
  }

  @Test
  void aSequenceCutByTheEndOfTheSliceIsInvalid() {
    byte[] b = bytes("41 E6 97 A5");
    assertFalse(Utf8.isValid(b, 0, 3));
  }

  @Test
  void onlyTheSliceIsJudged() {
    byte[] b = bytes("FF 41 42 FF");
    assertTrue(Utf8.isValid(b, 1, 2));
  }

  @Test
  void aSliceOutsideTheArrayIsAnError() {
    assertThrows(IndexOutOfBoundsException.class, () -> Utf8.isValid(new byte[2], 1, 2));
  }

  static byte[] bytes(String hex) {
    String[] parts = hex.split(" ");
    byte[] bytes = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return bytes;
  }
}
