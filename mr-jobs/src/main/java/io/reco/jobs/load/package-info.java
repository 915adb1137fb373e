/** Turns ranked lists into HFiles for a model table and bulk-loads them under a model version. */
package io.reco.jobs.load;
