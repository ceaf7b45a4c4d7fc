// The jobs table's row shape and its mapping to the domain Job.
import type { Json } from "../../resources/types.js";
import type { Job, JobKind, JobState } from "../job.js";

export interface JobRow {
  id: number;
  kind: string;
  key: string;
  payload: string;
  queue: string | null;
  coalesce_key: string | null;
  state: JobState;
  attempts: number;
  lease_token: number;
  lease_taken_over: number;
  max_attempts: number;
  enqueued_at: number;
  run_after: number;
  leased_by: string | null;
  lease_expires_at: number | null;
  finished_at: number | null;
  result: string | null;
  last_error: string | null;
  delivery_id: string | null;
  superseded_by: number | null;
  dedupe_key: string | null;
  priority: number;
}

export function jobFromRow(row: JobRow): Job {
  return {
    id: String(row.id),
    kind: row.kind as JobKind,
    key: row.key,
    payload: JSON.parse(row.payload) as Json,
    queue: row.queue,
    coalesceKey: row.coalesce_key,
    state: row.state,
    attempts: row.attempts,
    leaseToken: row.lease_token,
    leaseTakenOver: row.lease_taken_over === 1,
    maxAttempts: row.max_attempts,
    priority: row.priority ?? 0,
    enqueuedAt: new Date(row.enqueued_at),
    runAfter: new Date(row.run_after),
    leasedBy: row.leased_by,
    leaseExpiresAt: dateOrNull(row.lease_expires_at),
    finishedAt: dateOrNull(row.finished_at),
    result: row.result === null ? null : (JSON.parse(row.result) as Json),
    lastError: row.last_error,
    deliveryId: row.delivery_id,
    supersededBy: row.superseded_by === null ? null : String(row.superseded_by),
    dedupeKey: row.dedupe_key ?? null,
  };
}

function dateOrNull(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

/** A job id as the table stores it; an id that cannot exist becomes -1 (matches nothing). */
export function rowId(jobId: string): number {
  return /^\d+$/.test(jobId) ? Number(jobId) : -1;
}
