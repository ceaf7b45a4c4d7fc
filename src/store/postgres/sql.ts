// The few helpers the PostgreSQL store's queries share: a pool whose 64-bit integers come back as
// numbers (ids and millisecond timestamps, well inside 2^53), parameters PostgreSQL accepts,
// and transactions.
import pg from "pg";

/** A pool or one of its clients (inside a transaction). */
export type Sql = Pick<pg.PoolClient, "query">;

const INT8_OID = 20;

export function createPool(config: pg.PoolConfig): pg.Pool {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
  };
  return new pg.Pool({ ...config, types });
}

/** PostgreSQL's text cannot hold U+0000, which hostile input may carry: it becomes U+FFFD. */
export function text(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
}

function param(value: unknown): unknown {
  if (typeof value === "string") return text(value);
  return Array.isArray(value) ? value.map(param) : value;
}

export async function query<Row extends pg.QueryResultRow>(sql: Sql, text: string, values: readonly unknown[] = []): Promise<pg.QueryResult<Row>> {
  return sql.query<Row>(text, values.map(param));
}

/**
 * A query prepared once per connection under `name` (parsed and planned once, not at every call):
 * for the statements every delivery and job runs. One name, one text, always.
 */
export async function namedQuery<Row extends pg.QueryResultRow>(sql: Sql, name: string, text: string, values: readonly unknown[]): Promise<pg.QueryResult<Row>> {
  return sql.query<Row>({ name, text, values: values.map(param) });
}

/** Runs `work` in one transaction on one client: committed if it resolves, rolled back if it throws. */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (broken = true));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The advisory lock names a job's queue and coalesce key take. */
export function jobLockNames(job: { queue?: string | null | undefined; coalesceKey?: string | null | undefined; dedupeKey?: string | null | undefined }): string[] {
  const names: string[] = [];
  if (job.queue != null) names.push(`okctl:queue:${job.queue}`);
  if (job.coalesceKey != null) names.push(`okctl:coalesce:${job.coalesceKey}`);
  if (job.dedupeKey != null) names.push(`okctl:dedupe:${job.dedupeKey}`);
  return names;
}
