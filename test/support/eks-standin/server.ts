// A loopback EKS extension in front of moto. moto 5.2.1 has no access entries, add-ons, pod
// identity associations, version updates or DescribeUpdate; this server answers those (with state,
// each request validated against AWS's published EKS model, errors in AWS's restJson shape) and
// passes everything else to moto unchanged — complementing moto's clusters with what it drops
// (accessConfig, upgraded versions). Requests are EKS's when their SigV4 scope says so; the
// operation is found from the path and method, as AWS routes them.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { accessEntryOperations, addAccessEntry } from "./access-entries.js";
import { addonOperations } from "./addons.js";
import { EksError, invalidParameter, notFound } from "./errors.js";
import { matchOperation, requestInput, validateInput, validationMessage, type Operation } from "./model.js";
import { podIdentityOperations } from "./pod-identities.js";
import { isStandinArn, tagOperations, withTagChanges } from "./tags.js";
import type { MotoCluster, MotoLink, Served } from "./served.js";
import { EksStandinState, observe } from "./state.js";
import { clusterUpdatesInProgress, nodegroupUpdatesInProgress, startUpdate, updateOperations, visibleUpdate } from "./updates.js";

const SERVED: Record<string, Served> = { ...accessEntryOperations, ...addonOperations, ...podIdentityOperations, ...updateOperations };

/** Operations the stand-in serves itself (moto answers the rest). */
export const SERVED_OPERATIONS: readonly string[] = Object.keys(SERVED).sort();

/** moto's operations whose answers the stand-in complements. */
const COMPLEMENTED = ["CreateCluster", "DescribeCluster", "DeleteCluster", "UpdateClusterConfig", "CreateNodegroup", "DescribeNodegroup", "UpdateNodegroupConfig"];

const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface EksStandin {
  /** Where to point the SDK (AWS_ENDPOINT_URL): the stand-in, which reaches moto for the rest. */
  endpoint: string;
  state: EksStandinState;
  stop(): Promise<void>;
}

function scopeOf(headers: IncomingHttpHeaders): { region: string; service: string } | undefined {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(headers.authorization ?? ""));
  return match ? { region: match[1]!, service: match[2]! } : undefined;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw invalidParameter("Request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(target: URL, method: string, path: string, headers: IncomingHttpHeaders, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: target.hostname, port: target.port, method, path, headers: { ...headers, host: target.host, ...(body ? { "content-length": String(body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    outgoing.setTimeout(30_000, () => outgoing.destroy(new Error(`moto did not answer ${method} ${path} within 30 s`)));
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { "content-type": "application/json", "content-length": String(body.length), "x-amzn-requestid": crypto.randomUUID(), ...headers });
  res.end(body);
}

function fail(res: ServerResponse, error: EksError): void {
  json(res, error.status, { message: error.message, ...error.fields }, { "x-amzn-errortype": error.type });
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new EksError("InvalidParameterException", "Request body is not valid JSON", 400);
  }
}

/** A link to moto for what it keeps, asked with the caller's own signature headers. */
function motoLink(moto: URL, headers: IncomingHttpHeaders): MotoLink {
  const auth = { authorization: headers.authorization ?? "", "x-amz-date": headers["x-amz-date"] ?? "" };
  const get = async (path: string) => {
    const reply = await send(moto, "GET", path, auth);
    return reply.status === 200 ? (JSON.parse(reply.body.toString("utf8")) as Record<string, unknown>) : undefined;
  };
  /** A Query-protocol request to another of moto's services, with the caller's credentials re-scoped to it. */
  const query = (service: string, params: URLSearchParams, region?: string) => {
    const scoped = String(auth.authorization).replace(/\/([^/]+)\/eks\/aws4_request/, (_, own: string) => `/${region ?? own}/${service}/aws4_request`);
    const body = Buffer.from(params.toString());
    return send(moto, "POST", "/", { ...auth, authorization: scoped, "content-type": "application/x-www-form-urlencoded" }, body);
  };
  return {
    async cluster(name: string): Promise<MotoCluster> {
      const found = (await get(`/clusters/${encodeURIComponent(name)}`))?.cluster as Record<string, string> | undefined;
      if (!found) throw notFound(`No cluster found for name: ${name}.`, { clusterName: name });
      return { name, arn: found.arn ?? "", account: (found.arn ?? "").split(":")[4] ?? "123456789012", version: found.version ?? "", status: found.status ?? "ACTIVE" };
    },
    async nodegroup(clusterName, nodegroupName) {
      const found = (await get(`/clusters/${encodeURIComponent(clusterName)}/node-groups/${encodeURIComponent(nodegroupName)}`))?.nodegroup as
        | { version?: string; status?: string; tags?: Record<string, string>; launchTemplate?: { id?: string; name?: string; version?: string } }
        | undefined;
      if (!found) return undefined;
      const template = found.launchTemplate;
      return {
        version: found.version ?? "",
        status: found.status ?? "ACTIVE",
        tags: found.tags ?? {},
        ...(template?.id ? { launchTemplate: { id: template.id, name: template.name ?? "", version: template.version ?? "" } } : {}),
      };
    },
    async launchTemplate(spec) {
      const params = new URLSearchParams({ Action: "DescribeLaunchTemplates", Version: "2016-11-15" });
      if (spec.id) params.set("LaunchTemplateId.1", spec.id);
      else if (spec.name) params.set("LaunchTemplateName.1", spec.name);
      else return undefined;
      const reply = await query("ec2", params);
      const xml = reply.body.toString("utf8");
      const field = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
      const id = field("launchTemplateId");
      if (reply.status !== 200 || !id) return undefined;
      return { id, name: field("launchTemplateName") ?? "", defaultVersion: Number(field("defaultVersionNumber")), latestVersion: Number(field("latestVersionNumber")) };
    },
    async nodegroupNames(clusterName) {
      return ((await get(`/clusters/${encodeURIComponent(clusterName)}/node-groups`))?.nodegroups as string[] | undefined) ?? [];
    },
    async callerArn() {
      const reply = await query("sts", new URLSearchParams({ Action: "GetCallerIdentity", Version: "2011-06-15" }), "us-east-1");
      const arn = /<Arn>([^<]+)<\/Arn>/.exec(reply.body.toString("utf8"))?.[1] ?? "arn:aws:iam::123456789012:user/moto";
      // An assumed role's session ARN → the role's IAM ARN, as EKS records the creator.
      const assumed = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
      return assumed ? `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}` : arn;
    },
  };
}

export async function startEksStandin(motoEndpoint: string): Promise<EksStandin> {
  const moto = new URL(motoEndpoint);
  const state = new EksStandinState();

  const proxy = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<Reply> => {
    const reply = await send(moto, req.method ?? "GET", req.url ?? "/", req.headers, body.length > 0 || !["GET", "HEAD"].includes(req.method ?? "GET") ? body : undefined);
    return reply;
  };
  const relay = (res: ServerResponse, reply: Reply, body = reply.body) => {
    const headers = { ...reply.headers, "content-length": String(body.length) };
    delete headers["transfer-encoding"];
    res.writeHead(reply.status, headers);
    res.end(body);
  };

  /** moto's answer to an EKS request, complemented with what moto does not keep. */
  const complement = async (operation: Operation, input: Record<string, unknown>, region: string, link: MotoLink, reply: Reply): Promise<Buffer> => {
    if (reply.status !== 200) return reply.body;
    const body = JSON.parse(reply.body.toString("utf8")) as Record<string, Record<string, unknown>>;
    switch (operation.name) {
      case "CreateCluster":
      case "DescribeCluster": {
        const cluster = body.cluster!;
        const name = cluster.name as string;
        const extras = state.cluster(region, name);
        if (operation.name === "CreateCluster") {
          const requested = (input.accessConfig ?? {}) as { authenticationMode?: string; bootstrapClusterCreatorAdminPermissions?: boolean };
          extras.accessConfig = {
            authenticationMode: requested.authenticationMode ?? "CONFIG_MAP",
            bootstrapClusterCreatorAdminPermissions: requested.bootstrapClusterCreatorAdminPermissions ?? true,
          };
          if (extras.accessConfig.authenticationMode !== "CONFIG_MAP" && extras.accessConfig.bootstrapClusterCreatorAdminPermissions) {
            const principalArn = await link.callerArn();
            const account = String(cluster.arn).split(":")[4] ?? "";
            const entry = addAccessEntry(extras, region, account, { clusterName: name, principalArn, type: "STANDARD" });
            const timestamp = entry.createdAt;
            entry.policies.set("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", {
              policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
              accessScope: { type: "cluster", namespaces: [] },
              associatedAt: timestamp,
              modifiedAt: timestamp,
            });
          }
        } else {
          for (const update of clusterUpdatesInProgress(extras)) observe(update);
          if (clusterUpdatesInProgress(extras).length > 0) cluster.status = "UPDATING";
        }
        cluster.accessConfig = { ...extras.accessConfig };
        if (extras.version) cluster.version = extras.version;
        break;
      }
      case "DeleteCluster":
        state.forget(region, input.name as string);
        break;
      case "CreateNodegroup":
      case "DescribeNodegroup": {
        const group = body.nodegroup!;
        const clusterName = group.clusterName as string;
        const extras = state.cluster(region, clusterName);
        const name = group.nodegroupName as string;
        if (operation.name === "CreateNodegroup") {
          // A new group of a deleted one's name starts afresh.
          extras.nodegroupVersions.delete(name);
          extras.nodegroupLaunchTemplates.delete(name);
          // EKS gives a managed node group's role an EC2_LINUX access entry when the cluster uses them.
          const role = group.nodeRole as string;
          if (extras.accessConfig.authenticationMode !== "CONFIG_MAP" && !extras.accessEntries.has(role)) {
            addAccessEntry(extras, region, String(group.nodegroupArn).split(":")[4] ?? "", { clusterName, principalArn: role, type: "EC2_LINUX" });
          }
          // Without a version, EKS gives the node group its cluster's (moto gives 1.19).
          if (input.version === undefined) {
            extras.nodegroupVersions.set(name, extras.version ?? (await link.cluster(clusterName)).version);
          }
          extras.nodegroupTags.delete(name);
        } else {
          for (const update of nodegroupUpdatesInProgress(extras, name)) observe(update);
          group.tags = withTagChanges((group.tags ?? {}) as Record<string, string>, extras.nodegroupTags.get(name));
          if (nodegroupUpdatesInProgress(extras, name).length > 0) group.status = "UPDATING";
        }
        const version = extras.nodegroupVersions.get(name);
        if (version) group.version = version;
        const template = extras.nodegroupLaunchTemplates.get(name);
        if (template) group.launchTemplate = { ...template };
        break;
      }
      case "UpdateClusterConfig":
      case "UpdateNodegroupConfig": {
        // moto applies the change at once; its update (none for a cluster) becomes one DescribeUpdate knows.
        const clusterName = (input.name ?? input.clusterName) as string;
        const nodegroupName = input.nodegroupName as string | undefined;
        const motoUpdate = (body.update ?? {}) as { id?: string; type?: string; params?: { type: string; value: string }[] };
        const type = motoUpdate.type ?? (input.logging ? "LoggingUpdate" : input.accessConfig ? "AccessConfigUpdate" : "EndpointAccessUpdate");
        const accessConfig = input.accessConfig as { authenticationMode?: string } | undefined;
        if (accessConfig?.authenticationMode) {
          const extras = state.cluster(region, clusterName);
          const order = ["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"];
          if (order.indexOf(accessConfig.authenticationMode) < order.indexOf(extras.accessConfig.authenticationMode)) {
            throw invalidParameter(`Unsupported authentication mode update from ${extras.accessConfig.authenticationMode} to ${accessConfig.authenticationMode}`);
          }
          extras.accessConfig.authenticationMode = accessConfig.authenticationMode;
        }
        const update = startUpdate(state.cluster(region, clusterName), { type, params: motoUpdate.params ?? [], ...(nodegroupName ? { nodegroupName } : {}), complete: () => {} }, motoUpdate.id);
        body.update = visibleUpdate(update);
        break;
      }
      default:
        return reply.body;
    }
    return Buffer.from(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? "/", "http://standin");
    if (url.pathname === "/moto-api/reset" && req.method === "POST") state.reset();
    const scope = scopeOf(req.headers);
    const found = scope?.service === "eks" ? matchOperation(req.method ?? "GET", url.pathname) : undefined;
    if (!scope || !found) return relay(res, await proxy(req, res, body));
    const { operation, pathParams } = found;
    const isTagging = operation.name in tagOperations && isStandinArn(pathParams.resourceArn ?? "");
    const served = isTagging ? tagOperations[operation.name] : SERVED[operation.name];
    const complemented = COMPLEMENTED.includes(operation.name);
    if (!served && !complemented) return relay(res, await proxy(req, res, body));
    const input = requestInput(operation, pathParams, url.searchParams, req.headers, parseJson(body));
    const errors = validateInput(operation, input);
    if (errors.length > 0) throw invalidParameter(validationMessage(errors));
    const link = motoLink(moto, req.headers);
    if (served) return json(res, 200, await served({ input, region: scope.region, state, moto: link }));
    const reply = await proxy(req, res, body);
    relay(res, reply, await complement(operation, input, scope.region, link, reply));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof EksError) return fail(res, error);
      json(res, 500, { message: `EKS stand-in: ${(error as Error).message}` }, { "x-amzn-errortype": "ServerException" });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
