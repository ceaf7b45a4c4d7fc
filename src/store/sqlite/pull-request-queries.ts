// Which open pull requests plan which cluster, to re-plan them after an apply.
import type Database from "better-sqlite3";
import { declarationFromRow, type DeclarationRow } from "./declaration-row.js";
import type { PullRequestCluster } from "../records.js";

interface PullRequestClusterRow extends DeclarationRow {
  cluster_key: string;
  open: number;
}

export function createPullRequestQueries(db: Database.Database) {
  const upsert = db.prepare(`INSERT INTO pull_request_clusters
    (repository, pull_number, declaration_path, cluster_key, open)
    VALUES (@repository, @pullNumber, @declarationPath, @clusterKey, @open)
    ON CONFLICT (repository, pull_number, declaration_path) DO UPDATE SET
      cluster_key = excluded.cluster_key, open = excluded.open`);
  const openForCluster = db.prepare(`SELECT * FROM pull_request_clusters
    WHERE cluster_key = ? AND open = 1 ORDER BY repository, pull_number, declaration_path`);
  const close = db.prepare(`UPDATE pull_request_clusters SET open = 0 WHERE repository = ? AND pull_number = ?`);

  return {
    rememberPullRequestCluster(entry: PullRequestCluster): void {
      upsert.run({ ...entry, open: entry.open ? 1 : 0 });
    },
    closePullRequest(repository: string, pullNumber: number): void {
      close.run(repository, pullNumber);
    },
    openPullRequestsForCluster(clusterKey: string): PullRequestCluster[] {
      return (openForCluster.all(clusterKey) as PullRequestClusterRow[]).map((row) => ({
        ...declarationFromRow(row),
        clusterKey: row.cluster_key,
        open: row.open === 1,
      }));
    },
  };
}
