package io.reco.ingest.importers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reco.records.RecordJson;
import io.reco.records.avro.Product;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogBuilderTest {
  @Test
  void eachFieldKeepsItsLatestValueAndTheEarliestTimeIsTheCreation() {
    CatalogBuilder catalog = new CatalogBuilder("item");
    catalog.price("b", 300, 9.0);
    catalog.price("b", 100, 7.0);
    catalog.name("b", 200, "Old");
    catalog.name("b", 200, "Same time, read later");
    catalog.category("b", 50, "toys", "dolls");
    catalog.price("b", 400, 0.0);
    catalog.seen("a", 10);
    List<Product> products = catalog.products(-1);

    assertEquals(List.of("a", "b"), products.stream().map(Product::getProductId).toList());
    Product b = products.get(1);
    assertEquals(9.0, b.getPrice());
    assertEquals("Same time, read later", b.getName());
    assertEquals("toys", b.getCategory());
    assertEquals("dolls", b.getSubcategory());
    assertEquals(50, b.getCreatedAt());
    Product a = products.get(0);
    assertEquals("item a", a.getName());
    assertEquals(CatalogBuilder.UNKNOWN, a.getCategory());
    assertEquals(0.0, a.getPrice());
    assertNull(a.getBrand());
    assertTrue(a.getInStock());
    assertEquals("{\"product_id\":\"a\",\"name\":\"item a\",\"category\":\"unknown\",\"price\":0.0,\"attributes\":{},"
        + "\"num_reviews\":0,\"created_at\":10,\"is_active\":true,\"in_stock\":true}", RecordJson.toJson(a));
  }

  @Test
  void untimedFactsGiveWayToTimedOnes() {
    CatalogBuilder catalog = new CatalogBuilder("movie");
    catalog.name("1", CatalogBuilder.UNTIMED, "Toy Story (1995)");
    catalog.category("1", 5, "Animation", null);
    catalog.category("1", CatalogBuilder.UNTIMED, "Adventure", null);

    assertEquals("Animation", catalog.products(0).get(0).getCategory());
    assertEquals("Toy Story (1995)", catalog.products(0).get(0).getName());
    assertEquals(5, catalog.earliest(99));
  }
}
