// Migration 7: an index on jobs.superseded_by. Retention deletes finished jobs, and for each one
// the foreign key from superseded_by made PostgreSQL look for jobs pointing at it: without an index,
// a scan of the whole table per deleted job (500 deletions from 20,000 jobs took over 2 s, growing
// with the table until a round would pass the statement timeout and retention stop for good).
//
// This text ships as a migration: never edit it.
import type { Migration } from "./migrations.js";

export const supersededIndex: Migration = {
  version: 7,
  name: "index on the job that superseded a job (retention's foreign key check)",
  sql: `
    CREATE INDEX jobs_superseded_by ON jobs (superseded_by) WHERE superseded_by IS NOT NULL;
  `,
};
