/** Tests of the Ansible playbook and roles: syntax, lint, their contracts with the code, the service role applied. */
package io.reco.ansible;
