/** The identity of one cluster — account, region and name — used for apply queues and re-plans. */
export function clusterKey(cluster: { accountId: string; region: string; cluster: string }): string {
  return `${cluster.accountId}/${cluster.region}/${cluster.cluster}`;
}
