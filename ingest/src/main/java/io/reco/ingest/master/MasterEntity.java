package io.reco.ingest.master;

import io.reco.records.avro.Customer;
import io.reco.records.avro.Product;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The master-data entities an export can hold, with the columns a CSV export of each may have. A CSV header names
 * every required column and any of the optional ones, in any order; JSON lines use the same names.
 * <ul>
 *   <li>{@code catalog}: {@code product_id,name,category,subcategory,brand,price,description,created_at,is_active,
 *   in_stock}; required {@code product_id, name, category, price, created_at}.</li>
 *   <li>{@code customers}: {@code customer_id,email,age_group,gender,location,join_date,segment}; required
 *   {@code customer_id}. {@code email} never reaches the raw zone: only its keyed hash does.</li>
 * </ul>
 */
public enum MasterEntity {
  /** Products, written as {@link io.reco.records.avro.Product}. */
  CATALOG("catalog", "product_id",
      List.of("product_id", "name", "category", "subcategory", "brand", "price", "description", "created_at",
          "is_active", "in_stock"),
      Set.of("product_id", "name", "category", "price", "created_at"), Set.of()),
  /** Customers, written as {@link io.reco.records.avro.Customer}. */
  CUSTOMERS("customers", "customer_id",
      List.of("customer_id", "email", "age_group", "gender", "location", "join_date", "segment"),
      Set.of("customer_id"), Set.of("email"));

  private final String id;
  private final String idField;
  private final List<String> columns;
  private final Set<String> required;
  private final Set<String> sensitive;

  MasterEntity(String id, String idField, List<String> columns, Set<String> required, Set<String> sensitive) {
    this.id = id;
    this.idField = idField;
    this.columns = columns;
    this.required = required;
    this.sensitive = sensitive;
  }

  /** The entity named {@code name} ({@code catalog}, {@code customers}); the error lists the choices. */
  public static MasterEntity of(String name) {
    return Arrays.stream(values()).filter(e -> e.id.equals(name.trim().toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown entity '" + name + "'; expected one of "
            + Arrays.stream(values()).map(MasterEntity::id).toList()));
  }

  /** The entity's name in the raw zone and on the command line. */
  public String id() {
    return id;
  }

  /** The field that identifies a record; unique within one export. */
  public String idField() {
    return idField;
  }

  /** Every column a CSV export may have, in the documented order. */
  public List<String> columns() {
    return columns;
  }

  /** The columns a CSV export must have. */
  public Set<String> required() {
    return required;
  }

  /** Fields holding personal data that must be masked wherever a row is kept as it arrived. */
  public Set<String> sensitive() {
    return sensitive;
  }

  /** Whether rows of this entity carry personal data. */
  public boolean hasPersonalData() {
    return !sensitive.isEmpty();
  }

  /** The name of the snapshot's data file. */
  public String fileName() {
    return id + ".jsonl";
  }
}
