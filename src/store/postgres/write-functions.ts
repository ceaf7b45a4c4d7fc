// Migration 5: the store's hot writes as PL/pgSQL functions, so that each is ONE round trip to the
// database instead of one per statement (BEGIN, advisory locks, reads, inserts, COMMIT): recording
// a delivery with its jobs (what a webhook awaits before answering), enqueueing a job, and leasing
// the next runnable job. Each call is one statement, hence one transaction; its advisory locks are
// held until it commits. Inside a function every statement takes a fresh snapshot (they are
// VOLATILE), so a read after a lock sees what the lock's previous holder committed, exactly as the
// statements sent one by one did. The rules are those of job-queries.ts and the SQLite store.
//
// This text ships as a migration: never edit it. A later change is a new migration that replaces
// the function (CREATE OR REPLACE FUNCTION) with the same name and arguments, so that replicas of
// the previous version, still running during a rolling deploy, keep working.
import type { Migration } from "./migrations.js";

// A job is runnable when it is due (pending and run_after reached, or leased with an expired
// lease) and nothing it must wait for is active:
// - in its queue, no earlier job is pending or leased, and no other job holds a live lease;
// - with its coalesce key, no other job holds a live lease.
const runnable = `
  ((j.state = 'pending' AND j.run_after <= p_now) OR (j.state = 'leased' AND j.lease_expires_at <= p_now))
  AND (j.queue IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs o WHERE o.queue = j.queue AND o.id <> j.id
      AND ((o.id < j.id AND o.state IN ('pending', 'leased'))
        OR (o.state = 'leased' AND o.lease_expires_at > p_now))))
  AND (j.coalesce_key IS NULL OR NOT EXISTS (
    SELECT 1 FROM jobs o WHERE o.coalesce_key = j.coalesce_key AND o.id <> j.id
      AND o.state = 'leased' AND o.lease_expires_at > p_now))`;

export const writeFunctions: Migration = {
  version: 5,
  name: "one round trip per delivery, enqueue and lease (functions); leases walk an index in lease order",
  sql: `
    -- Leasing takes the first runnable job in this order: an index in that order lets it stop at
    -- the first one instead of sorting every pending job.
    DROP INDEX IF EXISTS jobs_active;
    CREATE INDEX jobs_lease_order ON jobs (priority DESC, run_after, id) WHERE state IN ('pending', 'leased');

    -- One new job (p_job: the jobs columns a caller sets, as JSON) unless it repeats an earlier job
    -- (its dedupe key is that of the newest job of its coalesce key; without a coalesce key, of any
    -- job): then that job, created = false. A new job supersedes its coalesce key's pending jobs.
    -- The caller holds the job's advisory locks (queue, coalesce key, dedupe key).
    CREATE FUNCTION okctl_enqueue_job(p_job jsonb, p_now bigint, p_delivery_id text, OUT job jobs, OUT created boolean)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_coalesce_key text := p_job ->> 'coalesce_key';
      v_dedupe_key text := p_job ->> 'dedupe_key';
    BEGIN
      IF v_dedupe_key IS NOT NULL THEN
        IF v_coalesce_key IS NULL THEN
          SELECT * INTO job FROM jobs WHERE dedupe_key = v_dedupe_key ORDER BY id DESC LIMIT 1;
        ELSE
          SELECT * INTO job FROM jobs WHERE coalesce_key = v_coalesce_key ORDER BY id DESC LIMIT 1;
        END IF;
        IF FOUND AND job.dedupe_key = v_dedupe_key THEN
          created := false;
          RETURN;
        END IF;
      END IF;
      INSERT INTO jobs (kind, key, payload, queue, coalesce_key, state, max_attempts, enqueued_at, run_after, delivery_id, dedupe_key, priority)
      VALUES (p_job ->> 'kind', p_job ->> 'key', p_job ->> 'payload', p_job ->> 'queue', v_coalesce_key, 'pending',
        (p_job ->> 'max_attempts')::integer, p_now, (p_job ->> 'run_after')::bigint, p_delivery_id, v_dedupe_key,
        (p_job ->> 'priority')::integer)
      RETURNING * INTO job;
      IF v_coalesce_key IS NOT NULL THEN
        UPDATE jobs SET state = 'superseded', superseded_by = job.id, finished_at = p_now
        WHERE coalesce_key = v_coalesce_key AND state = 'pending' AND id <> job.id;
      END IF;
      created := true;
    END
    $fn$;

    -- Advisory locks on names, waited for, in the order given (callers sort them: two
    -- transactions never wait for each other in a cycle). Held until the transaction ends.
    CREATE FUNCTION okctl_lock_names(p_names text[]) RETURNS void
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_name text;
    BEGIN
      FOREACH v_name IN ARRAY p_names LOOP
        PERFORM pg_advisory_xact_lock(hashtextextended(v_name, 0));
      END LOOP;
    END
    $fn$;

    -- Store.enqueueJob: the new job, or the earlier one it repeats.
    CREATE FUNCTION okctl_enqueue(p_locks text[], p_job jsonb, p_now bigint) RETURNS SETOF jobs
    LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM okctl_lock_names(p_locks);
      RETURN NEXT (okctl_enqueue_job(p_job, p_now, NULL)).job;
    END
    $fn$;

    -- Store.recordDeliveryAndEnqueue: NULL for a delivery seen before (nothing enqueued), else
    -- the jobs it enqueued (those that repeat no earlier job) as JSON rows, in the order given.
    CREATE FUNCTION okctl_record_delivery(p_id text, p_event text, p_received_at bigint, p_locks text[], p_jobs jsonb) RETURNS jsonb
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_enqueued jsonb := '[]'::jsonb;
      v_outcome record;
    BEGIN
      PERFORM okctl_lock_names(p_locks);
      INSERT INTO deliveries (id, event, received_at) VALUES (p_id, p_event, p_received_at) ON CONFLICT (id) DO NOTHING;
      IF NOT FOUND THEN
        RETURN NULL;
      END IF;
      FOR i IN 0 .. jsonb_array_length(p_jobs) - 1 LOOP
        SELECT * INTO v_outcome FROM okctl_enqueue_job(p_jobs -> i, p_received_at, p_id);
        IF v_outcome.created THEN
          v_enqueued := v_enqueued || jsonb_build_array(to_jsonb(v_outcome.job));
        END IF;
      END LOOP;
      RETURN v_enqueued;
    END
    $fn$;

    -- Store.leaseNextJob: the first runnable job by priority, due time and id, leased to p_worker.
    -- Rows another transaction holds are skipped (SKIP LOCKED), and so is a job whose queue or
    -- coalesce key another transaction is leasing or enqueueing in right now (try-locks); such a
    -- job is checked again with a fresh snapshot after the locks, since a lease committed meanwhile
    -- may make it wait. A job whose lease expired on its last attempt is dead instead.
    CREATE FUNCTION okctl_lease_next_job(p_worker text, p_lease_ms bigint, p_now bigint) RETURNS SETOF jobs
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_job jobs;
      v_passed_over bigint[] := '{}';
    BEGIN
      LOOP
        SELECT j.* INTO v_job FROM jobs j
        WHERE ${runnable}
          AND j.id <> ALL (v_passed_over)
        ORDER BY j.priority DESC, j.run_after, j.id LIMIT 1
        FOR UPDATE OF j SKIP LOCKED;
        IF NOT FOUND THEN
          RETURN;
        END IF;
        IF NOT ((v_job.queue IS NULL OR pg_try_advisory_xact_lock(hashtextextended('okctl:queue:' || v_job.queue, 0)))
            AND (v_job.coalesce_key IS NULL OR pg_try_advisory_xact_lock(hashtextextended('okctl:coalesce:' || v_job.coalesce_key, 0)))
            AND EXISTS (SELECT 1 FROM jobs j WHERE j.id = v_job.id AND ${runnable})) THEN
          v_passed_over := v_passed_over || v_job.id;
          CONTINUE;
        END IF;
        IF v_job.state = 'leased' AND v_job.attempts >= v_job.max_attempts THEN
          -- Its worker vanished on the last attempt allowed: give up rather than loop forever.
          UPDATE jobs SET state = 'dead', finished_at = p_now, lease_expires_at = NULL,
            last_error = 'lease held by ' || coalesce(v_job.leased_by, '?') || ' expired on attempt ' || v_job.attempts || ' of ' || v_job.max_attempts
          WHERE id = v_job.id;
          CONTINUE;
        END IF;
        UPDATE jobs SET state = 'leased', leased_by = p_worker, lease_expires_at = p_now + p_lease_ms, attempts = attempts + 1,
          lease_token = lease_token + 1, lease_taken_over = CASE WHEN state = 'leased' THEN 1 ELSE 0 END
        WHERE id = v_job.id
        RETURNING * INTO v_job;
        RETURN NEXT v_job;
        RETURN;
      END LOOP;
    END
    $fn$;
  `,
};
