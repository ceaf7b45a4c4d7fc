// EKS Pod Identity associations, as EKS serves them.
import { paginate } from "./access-entries.js";
import { inUse, invalidParameter, notFound } from "./errors.js";
import type { Served } from "./served.js";
import { associationId, now, type ClusterExtras, type PodIdentityAssociation } from "./state.js";

const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

function checkRole(roleArn: string): void {
  if (!ROLE.test(roleArn)) throw invalidParameter(`Role ARN ${roleArn} is not a valid IAM role ARN`);
}

function view(association: PodIdentityAssociation) {
  const { clientRequestToken: _token, ...rest } = association;
  return rest;
}

function associationOf(extras: ClusterExtras, clusterName: string, id: string): PodIdentityAssociation {
  const association = extras.podIdentities.get(id);
  if (!association) throw notFound(`Pod identity association ${id} not found in cluster ${clusterName}`, { clusterName });
  return association;
}

export const podIdentityOperations: Record<string, Served> = {
  async CreatePodIdentityAssociation({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    const cluster = await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    const { namespace, serviceAccount, roleArn } = input as { namespace: string; serviceAccount: string; roleArn: string };
    checkRole(roleArn);
    const existing = [...extras.podIdentities.values()].find((a) => a.namespace === namespace && a.serviceAccount === serviceAccount);
    if (existing) {
      if (input.clientRequestToken && existing.clientRequestToken === input.clientRequestToken) return { association: view(existing) };
      throw inUse("Association already exists: " + existing.associationArn, { clusterName });
    }
    const id = associationId();
    const timestamp = now();
    const association: PodIdentityAssociation = {
      clusterName,
      namespace,
      serviceAccount,
      roleArn,
      associationArn: `arn:aws:eks:${region}:${cluster.account}:podidentityassociation/${clusterName}/${id}`,
      associationId: id,
      tags: (input.tags as Record<string, string> | undefined) ?? {},
      createdAt: timestamp,
      modifiedAt: timestamp,
      ...(typeof input.clientRequestToken === "string" ? { clientRequestToken: input.clientRequestToken } : {}),
    };
    extras.podIdentities.set(id, association);
    return { association: view(association) };
  },

  async DescribePodIdentityAssociation({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    return { association: view(associationOf(state.cluster(region, clusterName), clusterName, input.associationId as string)) };
  },

  async UpdatePodIdentityAssociation({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const association = associationOf(state.cluster(region, clusterName), clusterName, input.associationId as string);
    if (typeof input.roleArn === "string") {
      checkRole(input.roleArn);
      association.roleArn = input.roleArn;
    }
    association.modifiedAt = now();
    return { association: view(association) };
  },

  async DeletePodIdentityAssociation({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const extras = state.cluster(region, clusterName);
    const association = associationOf(extras, clusterName, input.associationId as string);
    extras.podIdentities.delete(association.associationId);
    return { association: view(association) };
  },

  async ListPodIdentityAssociations({ input, region, moto, state }) {
    const clusterName = input.clusterName as string;
    await moto.cluster(clusterName);
    const summaries = [...state.cluster(region, clusterName).podIdentities.values()]
      .filter((a) => (!input.namespace || a.namespace === input.namespace) && (!input.serviceAccount || a.serviceAccount === input.serviceAccount))
      .map((a) => ({ clusterName, namespace: a.namespace, serviceAccount: a.serviceAccount, associationArn: a.associationArn, associationId: a.associationId }));
    return paginate(summaries, input, "associations");
  },
};
