/** The feedback loop offline: click-through and conversion of what the service answered, per variant and model. */
package io.reco.jobs.feedback;
