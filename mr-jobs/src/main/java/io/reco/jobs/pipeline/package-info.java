/** The whole batch run, from raw partitions to a published model version. */
package io.reco.jobs.pipeline;
