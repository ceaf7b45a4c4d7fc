// Migration 6: several deliveries recorded, with their jobs, in ONE call (group commit; see
// call-batcher.ts). Each delivery is recorded exactly as okctl_record_delivery (migration 5) does
// it, in the order given, so a later delivery of the batch sees the jobs of an earlier one (a newer
// push to a pull request supersedes the older plan of the same batch). The advisory locks of all
// of them are taken first, sorted by the caller: two batches never wait for each other in a cycle.
//
// The result is a JSON array with one element per delivery: null for a delivery seen before
// (nothing enqueued), else the array of jobs it enqueued. It returns jsonb, not rows of `jobs`: a
// later migration that adds a column to `jobs` cannot break a replica of this version that has the
// statement prepared ("cached plan must not change result type") during a rolling deploy.
//
// This text ships as a migration: never edit it; replace the function in a later migration.
import type { Migration } from "./migrations.js";

export const recordDeliveriesFunction: Migration = {
  version: 6,
  name: "several deliveries with their jobs in one call (group commit)",
  sql: `
    CREATE FUNCTION okctl_record_deliveries(p_locks text[], p_deliveries jsonb) RETURNS jsonb
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_results jsonb := '[]'::jsonb;
      v_delivery jsonb;
      v_jobs jsonb;
      v_enqueued jsonb;
      v_received_at bigint;
      v_outcome record;
    BEGIN
      PERFORM okctl_lock_names(p_locks);
      FOR i IN 0 .. jsonb_array_length(p_deliveries) - 1 LOOP
        v_delivery := p_deliveries -> i;
        v_received_at := (v_delivery ->> 'received_at')::bigint;
        INSERT INTO deliveries (id, event, received_at) VALUES (v_delivery ->> 'id', v_delivery ->> 'event', v_received_at)
          ON CONFLICT (id) DO NOTHING;
        IF NOT FOUND THEN
          v_results := v_results || jsonb_build_array(NULL::jsonb);
          CONTINUE;
        END IF;
        v_enqueued := '[]'::jsonb;
        v_jobs := v_delivery -> 'jobs';
        FOR j IN 0 .. jsonb_array_length(v_jobs) - 1 LOOP
          SELECT * INTO v_outcome FROM okctl_enqueue_job(v_jobs -> j, v_received_at, v_delivery ->> 'id');
          IF v_outcome.created THEN
            v_enqueued := v_enqueued || jsonb_build_array(to_jsonb(v_outcome.job));
          END IF;
        END LOOP;
        v_results := v_results || jsonb_build_array(v_enqueued);
      END LOOP;
      RETURN v_results;
    END
    $fn$;
  `,
};
