/** The batch jobs of reco and their single {@code hadoop jar} entry point. */
package io.reco.jobs;
