// A WHERE clause of equalities from a filter object, for list queries.

export type SqlParam = string | number;

/** `columns` maps filter fields to column names; undefined fields are left out. */
export function whereEquals<F extends object>(
  filter: F,
  columns: Partial<Record<keyof F & string, string>>,
  params: Record<string, SqlParam> = {},
  clauses: string[] = [],
): { sql: string; params: Record<string, SqlParam> } {
  for (const [field, column] of Object.entries(columns) as [keyof F & string, string][]) {
    const value = filter[field];
    if (value === undefined) continue;
    if (typeof value !== "string" && typeof value !== "number") throw new Error(`filter ${field} must be a string or a number`);
    clauses.push(`${column} = @${field}`);
    params[field] = value;
  }
  return { sql: clauses.length ? ` WHERE ${clauses.join(" AND ")}` : "", params };
}
