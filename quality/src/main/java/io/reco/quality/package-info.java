/**
 * The data quality of a bronze-to-silver run: the facts its jobs gathered, their assessment against thresholds and
 * earlier runs, and the report in its JSON, HTML and PDF forms.
 */
package io.reco.quality;
