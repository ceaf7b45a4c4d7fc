// Webhook deliveries: each X-GitHub-Delivery is recorded once.
import type Database from "better-sqlite3";

export function createDeliveryQueries(db: Database.Database) {
  const insert = db.prepare("INSERT OR IGNORE INTO deliveries (id, event, received_at) VALUES (?, ?, ?)");
  return {
    /** True if the delivery was new. */
    recordDelivery(id: string, event: string, receivedAt: Date): boolean {
      return insert.run(id, event, receivedAt.getTime()).changes === 1;
    },
  };
}
