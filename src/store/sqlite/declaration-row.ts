// The columns that name one declaration of one pull request, shared by several tables.
import type { DeclarationRef } from "../records.js";

export interface DeclarationRow {
  repository: string;
  pull_number: number;
  declaration_path: string;
}

export function declarationFromRow(row: DeclarationRow): DeclarationRef {
  return { repository: row.repository, pullNumber: row.pull_number, declarationPath: row.declaration_path };
}
