package io.reco.jobs.content;

import static io.reco.jobs.common.SilverFixtures.hadoop;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.reco.jobs.common.LocalJobs;
import io.reco.jobs.common.ScoredListFiles;
import io.reco.jobs.common.SilverFixtures;
import io.reco.records.avro.Product;
import io.reco.schema.avro.ScoredItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog of four active shoes - two trail runners of one brand, a road runner of another, a sandal of the first -
 * an inactive copy of a trail runner, and twenty books that share no word but "book".
 */
class ContentNeighboursJobTest {
  @TempDir
  static Path dir;
  private static ContentNeighboursJob.Result result;
  private static Map<String, List<ScoredItem>> lists;

  private static Product product(String id, String name, String description, String category, String sub,
      String brand, String color, boolean active) {
    return Product.newBuilder().setProductId(id).setName(name).setDescription(description).setCategory(category)
        .setSubcategory(sub).setBrand(brand).setAttributes(color == null ? Map.of() : Map.of("color", color))
        .setPrice(50.0).setCreatedAt(0L).setIsActive(active).build();
  }

  @BeforeAll
  static void aCatalogOfShoesAndBooks() throws Exception {
    List<Product> catalog = new ArrayList<>(List.of(
        product("trail-blue", "Trail runner shoe", "Lightweight trail running shoe with grip", "shoes", "running",
            "Acme", "blue", true),
        product("trail-red", "Trail runner shoe", "Lightweight trail running shoe", "shoes", "running", "Acme", "red",
            true),
        product("trail-old", "Trail runner shoe", "Lightweight trail running shoe with grip", "shoes", "running",
            "Acme", "blue", false),
        product("road", "Road runner shoe", "Cushioned road shoe", "shoes", "running", "Zed", "blue", true),
        product("sandal", "Beach sandal", "Sandal for the summer", "shoes", "sandals", "Acme", null, true)));
    for (int i = 0; i < 20; i++) {
      catalog.add(product("book" + i, "Book " + (char) ('a' + i) + "word", null, "books", null, null, null, true));
    }
    SilverFixtures.writeRecords(dir.resolve("silver/catalog/part-0.avro"), catalog);
    Configuration conf = LocalJobs.configure(new Configuration(), dir.resolve("tmp"));
    result = ContentNeighboursJob.run(conf, hadoop(dir.resolve("silver/catalog")), hadoop(dir.resolve("content")));
    lists = ScoredListFiles.read(conf, hadoop(dir.resolve("content")));
  }

  private static List<String> ids(String item) {
    return lists.getOrDefault(item, List.of()).stream().map(ScoredItem::getId).toList();
  }

  @Test
  void aTrailRunnersClosestNeighbourIsTheOneSharingBrandAndWords() {
    assertEquals("trail-red", ids("trail-blue").get(0));
    assertEquals("trail-blue", ids("trail-red").get(0));
  }

  @Test
  void anInactiveProductIsNeverListedAndHasNoList() {
    assertFalse(lists.containsKey("trail-old"));
    assertEquals(List.of(), lists.keySet().stream().filter(k -> ids(k).contains("trail-old")).toList());
  }

  @Test
  void productsOfAnotherCategoryWithNothingInCommonAreNotNeighbours() {
    assertEquals(List.of(), ids("trail-blue").stream().filter(id -> id.startsWith("book")).toList());
    assertEquals(19, ids("book0").size(), "the other books: the category alone");
  }

  @Test
  void tokensInMoreThanTheMaxDfShareAreLeftOut() {
    // 24 active products, 10%: 2.4; "book" (20), "shoe" and "runner" (3) are too common, "blue" (2, one inactive) not
    assertEquals(new ContentNeighboursJob.Result(24, 1, 3, 24), result);
  }

  @Test
  void scoresAreCosinesBestFirst() {
    List<ScoredItem> list = lists.get("trail-blue");
    for (int i = 1; i < list.size(); i++) {
      assertFalse(list.get(i).getScore() > list.get(i - 1).getScore(), list.toString());
    }
    assertFalse(list.get(0).getScore() > 1 + 1e-12, list.toString());
  }
}
