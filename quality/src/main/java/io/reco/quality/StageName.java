package io.reco.quality;

import java.util.List;
import java.util.Optional;

/**
 * The jobs of a bronze-to-silver run as its report names their stages. The jobs build their {@link Stage} here and
 * the assessment finds them here, so neither spells a stage's name.
 */
public enum StageName {
  /** Schema and rules over the clickstream lines. */
  VALIDATE("validate"),
  /** One event per event_id, bots and near duplicates out. */
  CLEAN("clean"),
  /** A join with one master snapshot; one stage per snapshot, named {@code references-<entity>}. */
  REFERENCES("references"),
  /** Order and order-item rows checked and assembled. */
  VALIDATE_ORDERS("validate-orders");

  private final String label;

  StageName(String label) {
    this.label = label;
  }

  /** The name in the report, e.g. {@code validate-orders}. */
  public String label() {
    return label;
  }

  /** The stage this job made of {@code source}. */
  public Stage stage(String source, long read, long kept, List<Count> removed) {
    return new Stage(label, source, read, kept, removed);
  }

  /** The stage this job made for {@code part} of a run that runs it once per part, e.g. {@code references-catalog}. */
  public Stage stage(String part, String source, long read, long kept, List<Count> removed) {
    return new Stage(label + "-" + part, source, read, kept, removed);
  }

  /** The first stage of {@code stages} this job made whole, not for a part; empty where it did not run. */
  public Optional<Stage> in(List<Stage> stages) {
    return stages.stream().filter(s -> s.name().equals(label)).findFirst();
  }
}
