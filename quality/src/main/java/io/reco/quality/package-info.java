/** The data quality report of a bronze-to-silver run: what it saw, its checks, and their JSON, HTML and PDF forms. */
package io.reco.quality;
