// Rendering a cluster's outputs (src/outputs/): a Markdown section for the apply result comment
// and check run, and plain text for `okctl outputs`. Pure. Every value read from AWS goes through
// the escaping helpers.
import type { ClusterOutputs, Delegation, DnsOutputs, KubernetesOutputs } from "../outputs/cluster-outputs.js";
import { alert, codeSpan, escapeText, fencedBlock } from "./escape.js";

function accessLine(k: KubernetesOutputs): string {
  if (k.access.length > 0) {
    const who = k.access.map((entry) => `${codeSpan(entry.principalArn)} (${escapeText(entry.accessPolicy)})`).join(", ");
    return `Access: ${who}.`;
  }
  const creator = k.deployRoleArn ? ` okctl's deploy role ${codeSpan(k.deployRoleArn)}` : " okctl's deploy role";
  return `No access entries are declared: only${creator} can use the cluster. Give people and CI access with \`eks.accessEntries\` in okctl.yaml.`;
}

function kubernetesMarkdown(k: KubernetesOutputs): string[] {
  return [
    `**Kubernetes API** ${k.endpoint ? codeSpan(k.endpoint) : "(no endpoint yet)"}`,
    "",
    k.roleArn ? `Configure \`kubectl\` (as ${codeSpan(k.roleArn)}):` : "Configure `kubectl` with your own AWS credentials:",
    "",
    fencedBlock("sh", k.kubeconfigCommand),
    "",
    accessLine(k),
  ];
}

function delegationMarkdown(dns: DnsOutputs, delegation: Delegation): string[] {
  if (delegation.kind === "done") return [`Delegated from ${codeSpan(delegation.parentZone)} by okctl.`];
  const where = delegation.parentZone ? codeSpan(delegation.parentZone) : `the parent zone of ${codeSpan(dns.domain)}`;
  return [
    alert("IMPORTANT", [
      `**Still to do by hand:** delegate ${codeSpan(dns.domain)} from ${where}: where that zone is hosted, add an \`NS\` record set named ${codeSpan(`${delegation.recordName}.`)} (TTL ${delegation.ttl}) with the name servers above. Until then, names under it do not resolve and certificates cannot be validated.`,
    ]),
  ];
}

function dnsMarkdown(dns: DnsOutputs): string[] {
  return [
    `**Hosted zone** ${codeSpan(dns.domain)} (${codeSpan(dns.hostedZoneId)}), name servers:`,
    "",
    fencedBlock("", dns.nameServers.join("\n") || "(none)"),
    "",
    ...delegationMarkdown(dns, dns.delegation),
  ];
}

/** The "Outputs" section: what the team needs next. */
export function renderOutputsMarkdown(outputs: ClusterOutputs): string {
  const parts: string[] = ["#### Outputs", ""];
  if (outputs.kubernetes) parts.push(...kubernetesMarkdown(outputs.kubernetes), "");
  else parts.push("**Kubernetes API**: the EKS cluster does not exist yet.", "");
  if (outputs.dns) parts.push(...dnsMarkdown(outputs.dns), "");
  if (outputs.certificates.length > 0) {
    parts.push("**Certificates**", "", "| domain | status | ARN |", "|---|---|---|");
    for (const c of outputs.certificates) parts.push(`| ${codeSpan(c.domain)} | ${escapeText(c.status ?? "unknown")} | ${codeSpan(c.arn)} |`);
    parts.push("");
  }
  if (outputs.parameters.length > 0) {
    parts.push("**Parameters** (SSM Parameter Store)", "", ...outputs.parameters.map((p) => `- ${codeSpan(p.path)}${p.type ? ` (${escapeText(p.type)})` : ""}`), "");
  }
  return parts.join("\n").trimEnd();
}

function kubernetesText(k: KubernetesOutputs): string[] {
  return [
    "Kubernetes",
    `  endpoint:    ${k.endpoint ?? "(none yet)"}`,
    `  kubeconfig:  ${k.kubeconfigCommand}`,
    ...(k.roleArn ? [`  role:        ${k.roleArn}`] : []),
    ...(k.access.length > 0
      ? [`  access:`, ...k.access.map((entry) => `    ${entry.principalArn} (${entry.accessPolicy})`)]
      : [`  access:      only okctl's deploy role${k.deployRoleArn ? ` (${k.deployRoleArn})` : ""}; declare eks.accessEntries to add people and CI`]),
  ];
}

function dnsText(dns: DnsOutputs): string[] {
  const delegation = dns.delegation.kind === "done"
    ? `  delegation:  done by okctl in ${dns.delegation.parentZone}`
    : `  delegation:  TO DO BY HAND: in ${dns.delegation.parentZone ?? `the parent zone of ${dns.domain}`}, add NS ${dns.delegation.recordName}. (TTL ${dns.delegation.ttl}) with the name servers above`;
  return ["Hosted zone", `  domain:      ${dns.domain} (${dns.hostedZoneId})`, "  name servers:", ...dns.nameServers.map((server) => `    ${server}`), delegation];
}

/** `okctl outputs` in text: sections of aligned lines. Control characters are made visible. */
export function renderOutputsText(outputs: ClusterOutputs): string {
  const lines = [`Cluster ${outputs.cluster} · account ${outputs.accountId} · region ${outputs.region}`, ""];
  lines.push(...(outputs.kubernetes ? kubernetesText(outputs.kubernetes) : ["Kubernetes", "  the EKS cluster does not exist yet"]), "");
  if (outputs.dns) lines.push(...dnsText(outputs.dns), "");
  if (outputs.certificates.length > 0) {
    lines.push("Certificates", ...outputs.certificates.map((c) => `  ${c.domain}  ${c.status ?? "unknown"}  ${c.arn}`), "");
  }
  if (outputs.parameters.length > 0) lines.push("Parameters", ...outputs.parameters.map((p) => `  ${p.path}${p.type ? `  (${p.type})` : ""}`), "");
  return `${lines.map(visible).join("\n").trimEnd()}\n`;
}

/** Terminal escapes in values read from AWS must not reach the terminal. */
function visible(line: string): string {
  return line.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
