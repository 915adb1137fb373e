package io.reco.jobs.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.RawComparator;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.WritableComparator;
import org.junit.jupiter.api.Test;

/** The join key's sort, grouping and partitioning, on serialized keys as the shuffle sees them. */
class TaggedKeyTest {
  private static final byte MASTER = 0;
  private static final byte DETAIL = 1;

  private static byte[] bytes(TaggedKey key) throws IOException {
    DataOutputBuffer out = new DataOutputBuffer();
    key.write(out);
    return Arrays.copyOf(out.getData(), out.getLength());
  }

  private static int compare(RawComparator<?> comparator, TaggedKey a, TaggedKey b) throws IOException {
    byte[] x = bytes(a);
    byte[] y = bytes(b);
    return Integer.signum(comparator.compare(x, 0, x.length, y, 0, y.length));
  }

  /** {@code keys}, shuffled with a fixed seed, sorted on their serialized bytes by the registered comparator. */
  private static List<TaggedKey> sortedAsShuffled(List<TaggedKey> keys) throws IOException {
    RawComparator<?> comparator = WritableComparator.get(TaggedKey.class);
    List<TaggedKey> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(7));
    List<TaggedKey> sorted = new ArrayList<>(shuffled);
    List<IOException> failures = new ArrayList<>();
    sorted.sort((a, b) -> {
      try {
        return compare(comparator, a, b);
      } catch (IOException e) {
        failures.add(e);
        return 0;
      }
    });
    assertEquals(List.of(), failures);
    return sorted;
  }

  @Test
  void theShuffleSortsOnTheRawComparator() {
    assertInstanceOf(TaggedKey.Comparator.class, WritableComparator.get(TaggedKey.class));
  }

  @Test
  void stringIdsSortAsTextThenByTagThenByOrder() throws IOException {
    List<TaggedKey> expected = List.of(
        new TaggedKey().set("", DETAIL),
        new TaggedKey().set("p1", MASTER),
        new TaggedKey().set("p1", DETAIL).thenBy(-5L),
        new TaggedKey().set("p1", DETAIL).thenBy(7L).thenBy("a"),
        new TaggedKey().set("p1", DETAIL).thenBy(7L).thenBy("b"),
        new TaggedKey().set("p1", DETAIL).thenBy(300L),
        new TaggedKey().set("p10", MASTER),
        new TaggedKey().set("p2", MASTER),
        new TaggedKey().set("é", MASTER));
    assertEquals(expected, sortedAsShuffled(expected));
  }

  @Test
  void numberIdsSortAsSignedNumbers() throws IOException {
    List<TaggedKey> expected = new ArrayList<>();
    for (long id : new long[] {Long.MIN_VALUE, -300L, -1L, 0L, 1L, 256L, Long.MAX_VALUE}) {
      expected.add(new TaggedKey().set(id, MASTER));
      expected.add(new TaggedKey().set(id, DETAIL));
    }
    assertEquals(expected, sortedAsShuffled(expected));
  }

  @Test
  void theRawComparatorAgreesWithCompareTo() throws IOException {
    Random random = new Random(11);
    RawComparator<?> raw = WritableComparator.get(TaggedKey.class);
    for (int i = 0; i < 1_000; i++) {
      TaggedKey a = new TaggedKey().set("u" + random.nextInt(3), (byte) random.nextInt(2)).thenBy(random.nextInt(3));
      TaggedKey b = new TaggedKey().set("u" + random.nextInt(3), (byte) random.nextInt(2)).thenBy(random.nextInt(3));
      assertEquals(Integer.signum(a.compareTo(b)), compare(raw, a, b), a + " vs " + b);
    }
  }

  @Test
  void recordsOfAnIdAreGroupedWhateverTheirTagAndOrder() throws IOException {
    TaggedKey.SameId sameId = new TaggedKey.SameId();
    TaggedKey master = new TaggedKey().set("u1", MASTER);
    TaggedKey detail = new TaggedKey().set("u1", DETAIL).thenBy(42L).thenBy("e9");
    TaggedKey other = new TaggedKey().set("u2", MASTER);
    assertEquals(0, compare(sameId, master, detail));
    assertEquals(0, sameId.compare(master, detail));
    assertEquals(-1, compare(sameId, detail, other));
    assertEquals(-1, Integer.signum(sameId.compare(detail, other)));
    assertEquals(0, compare(sameId, new TaggedKey().set(-7L, MASTER), new TaggedKey().set(-7L, DETAIL)));
  }

  @Test
  void recordsOfAnIdGoToOneReducerAsATextKeyOfTheIdWould() {
    TaggedKey.ById<Text> byId = new TaggedKey.ById<>();
    for (String id : List.of("u1", "u2", "p-123", "é")) {
      int expected = (new Text(id).hashCode() & Integer.MAX_VALUE) % 7;
      assertEquals(expected, byId.getPartition(new TaggedKey().set(id, MASTER), null, 7));
      assertEquals(expected, byId.getPartition(new TaggedKey().set(id, DETAIL).thenBy(5L).thenBy("x"), null, 7));
    }
    assertEquals(byId.getPartition(new TaggedKey().set(99L, MASTER), null, 7),
        byId.getPartition(new TaggedKey().set(99L, DETAIL).thenBy(1L), null, 7));
  }

  @Test
  void aKeyReadsBackAsWrittenAndReusesItsBuffers() throws IOException {
    TaggedKey read = new TaggedKey();
    DataInputBuffer in = new DataInputBuffer();
    for (TaggedKey key : List.of(new TaggedKey().set("a-much-longer-user-id-than-the-buffer-of-a-new-key", DETAIL)
        .thenBy(3L).thenBy("event-id-also-longer-than-thirty-two-bytes"), new TaggedKey().set("u", MASTER))) {
      byte[] b = bytes(key);
      in.reset(b, b.length);
      read.readFields(in);
      assertEquals(key, read);
      assertEquals(key.idAsString(), read.idAsString());
      assertEquals(key.tag(), read.tag());
    }
    assertEquals(-12L, new TaggedKey().set(-12L, MASTER).idAsLong());
    assertNotEquals(new TaggedKey().set("u", MASTER), new TaggedKey().set("u", MASTER).thenBy(0L));
  }
}
