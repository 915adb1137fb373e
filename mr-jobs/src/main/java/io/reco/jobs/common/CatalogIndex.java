package io.reco.jobs.common;

import io.reco.records.avro.Product;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The category and list price of every product of a silver catalog snapshot, held in a task's memory (a map-side
 * join: the catalog is small beside the events, a few dozen bytes a product). Tasks find the snapshot through
 * {@value #PATH}, which the job sets.
 */
public final class CatalogIndex {
  /** Set by the job for its tasks: the silver catalog's directory, or unset without one. */
  public static final String PATH = "reco.features.catalog";
  private static final CatalogIndex EMPTY = new CatalogIndex(Map.of());

  /**
   * What the index keeps of one product.
   *
   * @param available active and in stock: what the service's default rules let it answer
   */
  public record Entry(String category, double price, boolean available) {
  }

  private final Map<String, Entry> products;

  private CatalogIndex(Map<String, Entry> products) {
    this.products = products;
  }

  /** The product's entry, or null for a product the catalog does not have. */
  public Entry get(String productId) {
    return products.get(productId);
  }

  /** The product's category, or null. */
  public String category(String productId) {
    Entry e = products.get(productId);
    return e == null ? null : e.category();
  }

  /** Products in the index. */
  public int size() {
    return products.size();
  }

  /** Points the tasks of a job at {@code catalog} (null: none). */
  public static void use(Configuration conf, Path catalog) {
    if (catalog != null) {
      conf.set(PATH, catalog.toString());
    }
  }

  /** The catalog the job named, read whole; empty when it named none. */
  public static CatalogIndex load(Configuration conf) throws IOException {
    String path = conf.get(PATH, "");
    return path.isEmpty() ? EMPTY : read(conf, new Path(path));
  }

  /**
   * The products the service's default rules never answer (inactive or out of stock in the catalog), as the
   * evaluation leaves them out of what it scores.
   */
  public java.util.Set<String> unavailable() {
    java.util.Set<String> out = new java.util.HashSet<>();
    products.forEach((id, entry) -> {
      if (!entry.available()) {
        out.add(id);
      }
    });
    return out;
  }

  /** The silver catalog under {@code dir}, read whole; empty for null. */
  public static CatalogIndex read(Configuration conf, Path dir) throws IOException {
    if (dir == null) {
      return EMPTY;
    }
    Map<String, Entry> products = new HashMap<>();
    FileSystem fs = dir.getFileSystem(conf);
    RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
    while (files.hasNext()) {
      Path file = files.next().getPath();
      if (!file.getName().endsWith(".avro")) {
        continue;
      }
      try (DataFileStream<Product> in = new DataFileStream<>(fs.open(file), new SpecificDatumReader<>(Product.class))) {
        Product p = null;
        while (in.hasNext()) {
          p = in.next(p);
          products.put(p.getProductId(), new Entry(p.getCategory(), p.getPrice(), p.getIsActive() && p.getInStock()));
        }
      }
    }
    return new CatalogIndex(products);
  }
}
