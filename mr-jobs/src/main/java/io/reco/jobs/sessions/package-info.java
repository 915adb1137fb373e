/** Silver to gold: the clickstream cut into sessions, each with its features. */
package io.reco.jobs.sessions;
