package io.reco.jobs.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void wordsAreLowerCasedAndSplitOnAnythingButLettersAndDigits() {
    assertEquals(List.of("trail", "runner", "gtx", "128gb"), Tokenizer.tokens("Trail-Runner (GTX), 128GB!"));
  }

  @Test
  void stopWordsAndSingleCharactersSayNothing() {
    assertEquals(List.of("shoe", "running"), Tokenizer.tokens("A shoe for the running x"));
  }

  @Test
  void compatibilityFormsAndOtherScriptsAreKept() {
    assertEquals(List.of("file", "café", "東京"), Tokenizer.tokens("ｆｉｌｅ Café 東京"));
    assertEquals(List.of(), Tokenizer.tokens(null));
  }
}
