/** The operator's command over the model registry: list, show, promote, roll back and garbage-collect versions. */
package io.reco.jobs.models;
