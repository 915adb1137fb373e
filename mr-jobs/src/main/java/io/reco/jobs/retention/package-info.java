/** The retention job: deletes data past its class's age limit, never what a servable model's lineage names. */
package io.reco.jobs.retention;
