import { describe, expect, it } from "vitest";
import type { ClusterOutputs } from "../outputs/cluster-outputs.js";
import { renderOutputsMarkdown, renderOutputsText } from "./outputs.js";

const outputs: ClusterOutputs = {
  cluster: "shop-dev",
  accountId: "123456789012",
  region: "eu-west-1",
  kubernetes: {
    clusterName: "shop-dev",
    endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
    roleArn: "arn:aws:iam::123456789012:role/platform-admins",
    kubeconfigCommand: "aws eks update-kubeconfig --name shop-dev --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/platform-admins",
    access: [{ principalArn: "arn:aws:iam::123456789012:role/platform-admins", accessPolicy: "cluster-admin" }],
  },
  dns: {
    domain: "shop-dev.example.org",
    hostedZoneId: "Z123",
    nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"],
    delegation: { kind: "manual", parentZone: "example.org", recordName: "shop-dev.example.org", nameServers: ["ns-1.awsdns-01.org", "ns-2.awsdns-02.net"], ttl: 300 },
  },
  certificates: [{ domain: "*.shop-dev.example.org", arn: "arn:aws:acm:eu-west-1:123456789012:certificate/1", status: "PENDING_VALIDATION" }],
  parameters: [{ path: "/okctl/shop-dev/app/mode", type: "String" }],
};

describe("outputs in Markdown", () => {
  it("show the endpoint, the kubeconfig command with its role, name servers, the delegation to do by hand, certificates and parameters", () => {
    const md = renderOutputsMarkdown(outputs);
    expect(md).toContain("#### Outputs");
    expect(md).toContain("**Kubernetes API** `https://ABC.gr7.eu-west-1.eks.amazonaws.com`");
    expect(md).toContain("Configure `kubectl` (as `arn:aws:iam::123456789012:role/platform-admins`):");
    expect(md).toContain("```sh\naws eks update-kubeconfig --name shop-dev --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/platform-admins\n```");
    expect(md).toContain("```\nns-1.awsdns-01.org\nns-2.awsdns-02.net\n```");
    expect(md).toContain("> [!IMPORTANT]\n> **Still to do by hand:** delegate `shop-dev.example.org` from `example.org`");
    expect(md).toContain("`NS` record set named `shop-dev.example.org.` (TTL 300)");
    expect(md).toContain("| `*.shop-dev.example.org` | PENDING\\_VALIDATION | `arn:aws:acm:eu-west-1:123456789012:certificate/1` |");
    expect(md).toContain("- `/okctl/shop-dev/app/mode` (String)");
  });

  it("say who has access when no access entries are declared, and a finished delegation in one line", () => {
    const md = renderOutputsMarkdown({
      ...outputs,
      kubernetes: { ...outputs.kubernetes!, access: [], deployRoleArn: "arn:aws:iam::123456789012:role/okctl-deploy", kubeconfigCommand: "aws eks update-kubeconfig --name shop-dev --region eu-west-1" },
      dns: { ...outputs.dns!, delegation: { kind: "done", parentZone: "example.org" } },
    });
    expect(md).toContain("only okctl's deploy role `arn:aws:iam::123456789012:role/okctl-deploy` can use the cluster");
    expect(md).toContain("Delegated from `example.org` by okctl.");
    expect(md).not.toContain("Still to do by hand");
  });

  it("keep values read from AWS from breaking out of their place", () => {
    const md = renderOutputsMarkdown({ ...outputs, certificates: [{ domain: "a`|b", arn: "arn\n| x |", status: "<img src=x>" }] });
    expect(md).toContain("&lt;img src=x&gt;");
    expect(md).not.toContain("arn\n");
  });
});

describe("outputs as text", () => {
  it("print aligned sections, with the delegation still to do", () => {
    expect(renderOutputsText(outputs)).toBe(
      [
        "Cluster shop-dev · account 123456789012 · region eu-west-1",
        "",
        "Kubernetes",
        "  endpoint:    https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        "  kubeconfig:  aws eks update-kubeconfig --name shop-dev --region eu-west-1 --role-arn arn:aws:iam::123456789012:role/platform-admins",
        "  role:        arn:aws:iam::123456789012:role/platform-admins",
        "  access:",
        "    arn:aws:iam::123456789012:role/platform-admins (cluster-admin)",
        "",
        "Hosted zone",
        "  domain:      shop-dev.example.org (Z123)",
        "  name servers:",
        "    ns-1.awsdns-01.org",
        "    ns-2.awsdns-02.net",
        "  delegation:  TO DO BY HAND: in example.org, add NS shop-dev.example.org. (TTL 300) with the name servers above",
        "",
        "Certificates",
        "  *.shop-dev.example.org  PENDING_VALIDATION  arn:aws:acm:eu-west-1:123456789012:certificate/1",
        "",
        "Parameters",
        "  /okctl/shop-dev/app/mode  (String)",
        "",
      ].join("\n"),
    );
  });

  it("never pass terminal escapes through", () => {
    expect(renderOutputsText({ ...outputs, parameters: [{ path: "/okctl/x\u001b[31m", type: null }] })).toContain("/okctl/x\\u001b[31m");
  });
});
