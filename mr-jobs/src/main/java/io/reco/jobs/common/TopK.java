package io.reco.jobs.common;

import io.reco.schema.ScoredLists;
import io.reco.schema.avro.ScoredItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.hadoop.io.BytesWritable;

/** Keeps the {@code k} best-scored items seen, in memory bounded by {@code k}; ties go to the smaller id. */
public final class TopK {
  /** Best first: higher score, then smaller id. */
  public static final Comparator<ScoredItem> BEST_FIRST =
      Comparator.comparingDouble(ScoredItem::getScore).reversed().thenComparing(ScoredItem::getId);

  private final int k;
  private final PriorityQueue<ScoredItem> heap;

  /** An empty ranking of at most {@code k} items. */
  public TopK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, was " + k);
    }
    this.k = k;
    this.heap = new PriorityQueue<>(k + 1, BEST_FIRST.reversed());
  }

  /** Offers one item. */
  public void offer(String id, double score) {
    if (heap.size() < k) {
      heap.add(new ScoredItem(id, score));
      return;
    }
    ScoredItem worst = heap.peek();
    if (score > worst.getScore() || (score == worst.getScore() && id.compareTo(worst.getId()) < 0)) {
      heap.poll();
      heap.add(new ScoredItem(id, score));
    }
  }

  /** Whether nothing was offered. */
  public boolean isEmpty() {
    return heap.isEmpty();
  }

  /** The kept items, best first. */
  public List<ScoredItem> best() {
    List<ScoredItem> out = new ArrayList<>(heap);
    out.sort(BEST_FIRST);
    return out;
  }

  /** Writes the kept items, best first, as the Avro-encoded list a model cell holds. */
  public void encodeInto(BytesWritable out) {
    byte[] encoded = ScoredLists.encode(best());
    out.set(encoded, 0, encoded.length);
  }

  /** Forgets everything, to reuse the instance for the next key. */
  public void clear() {
    heap.clear();
  }
}
