package io.reco.schema;

import java.util.List;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/**
 * One HBase table as declared by the contract: its families, its row-key layout and its pre-split regions.
 *
 * @param name table name with namespace, for example {@code reco:item_similar}
 * @param description what one row holds, printed by the admin tool
 * @param rowKey what the row key is
 * @param families the column families
 * @param regions number of regions the table is created with; entity tables split on the hash prefix
 */
public record TableSpec(String name, String description, String rowKey, List<FamilySpec> families, int regions) {

  /** The HBase table name. */
  public TableName tableName() {
    return TableName.valueOf(name);
  }

  /** The table's single family; every table of the contract has one. */
  public FamilySpec family() {
    if (families.size() != 1) {
      throw new IllegalStateException(name + " has " + families.size() + " families, not one");
    }
    return families.get(0);
  }

  /** The HBase descriptor used to create or verify the table. */
  public TableDescriptor descriptor() {
    TableDescriptorBuilder builder = TableDescriptorBuilder.newBuilder(tableName());
    families.forEach(f -> builder.setColumnFamily(f.descriptor()));
    return builder.build();
  }

  /** The split points the table is created with. */
  public byte[][] splitKeys() {
    return RowKeys.splitPoints(regions);
  }
}
