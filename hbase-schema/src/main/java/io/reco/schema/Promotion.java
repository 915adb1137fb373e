package io.reco.schema;

/**
 * The registry's decision on a promotion or a rollback.
 *
 * @param version the version asked for
 * @param previous the version active before the decision; null when none was
 * @param promoted whether {@code version} is now the active one
 * @param reason the decision in words, with the figures it was made on
 */
public record Promotion(String version, String previous, boolean promoted, String reason) {
}
