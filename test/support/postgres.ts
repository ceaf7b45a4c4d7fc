// For tests of the postgres project: a database of this test file's own on the run's PostgreSQL
// server (see postgres-setup.ts), and a fresh schema in it for each store that must start empty.
import { beforeAll, inject } from "vitest";
import { createDatabase, createSchema } from "./postgres-server.js";

export interface TestDatabase {
  /** This file's database. */
  url(): string;
  /** A URL on a new, empty schema of this file's database. */
  freshSchema(): Promise<string>;
}

export function usePostgres(): TestDatabase {
  const adminUrl = inject("postgresAdminUrl");
  let url: string | undefined;
  beforeAll(async () => {
    url = await createDatabase(adminUrl);
  });
  const current = (): string => {
    if (url === undefined) throw new Error("usePostgres: the database is created in beforeAll; use it inside tests");
    return url;
  };
  return { url: current, freshSchema: () => createSchema(current()) };
}
