// The database settings are checked at start with the others: a wrong URL stops the server.
import { describe, expect, it } from "vitest";
import { readStartSettings } from "./start-settings.js";

const problemsWith = (env: NodeJS.ProcessEnv): string => {
  try {
    readStartSettings({ NODE_ENV: "production", ...env });
    return "";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("database settings at start", () => {
  it("refuses an OKCTL_DATABASE_URL that is empty or not PostgreSQL's, and a bad pool size", () => {
    expect(problemsWith({ OKCTL_DATABASE_URL: "" })).toContain("OKCTL_DATABASE_URL is set but is not a PostgreSQL URL");
    expect(problemsWith({ OKCTL_DATABASE_URL: "mysql://db/okctl" })).toContain("OKCTL_DATABASE_URL is set but is not a PostgreSQL URL");
    expect(problemsWith({ OKCTL_DATABASE_POOL_SIZE: "0" })).toContain("OKCTL_DATABASE_POOL_SIZE must be");
    const fine = problemsWith({ OKCTL_DATABASE_URL: "postgres://okctl:pw@db:5432/okctl", OKCTL_DATABASE_POOL_SIZE: "20" });
    expect(fine).not.toContain("OKCTL_DATABASE");
  });
});
