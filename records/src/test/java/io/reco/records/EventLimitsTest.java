package io.reco.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class EventLimitsTest {
  @Test
  void theDefaultsAreTheDeclaredOnes() {
    assertEquals(new EventLimits(32, 100, 256, 2048, 100), EventLimits.defaults());
  }

  @Test
  void aConfigurationSetsEachLimit() {
    Configuration conf = new Configuration(false);
    conf.setInt(EventLimits.MAX_DEPTH, 4);
    conf.setInt(EventLimits.MAX_NUMBER_LENGTH, 20);
    conf.setInt(EventLimits.MAX_ID_LENGTH, 64);
    conf.setInt(EventLimits.MAX_TEXT_LENGTH, 512);
    conf.setInt(EventLimits.MAX_METADATA_ENTRIES, 10);
    assertEquals(new EventLimits(4, 20, 64, 512, 10), EventLimits.from(conf));
  }

  @Test
  void aLimitThatIsNoNumberNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.set(EventLimits.MAX_TEXT_LENGTH, "long");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventLimits.from(conf));
    assertEquals("reco.events.max-text-length must be a whole number, was 'long'", e.getMessage());
  }

  @Test
  void aLengthOfZeroNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.setInt(EventLimits.MAX_ID_LENGTH, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventLimits.from(conf));
    assertEquals("reco.events.max-id-length must be 1 or more, was 0", e.getMessage());
  }

  @Test
  void aNegativeNumberOfMetadataEntriesNamesTheKey() {
    Configuration conf = new Configuration(false);
    conf.setInt(EventLimits.MAX_METADATA_ENTRIES, -1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventLimits.from(conf));
    assertEquals("reco.events.max-metadata-entries must be 0 or more, was -1", e.getMessage());
  }
}
