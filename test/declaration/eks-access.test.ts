// eks.accessEntries, eks.addons, eks.podIdentities and eks.authenticationMode: defaults, schema and
// rules, with line:column.
import { describe, expect, it } from "vitest";
import { loadValid, problemLines, withRequired } from "./helpers.js";

describe("access entries, add-ons and pod identities in okctl.yaml", () => {
  it("default to API authentication, no entries, the four default add-ons and no pod identities", () => {
    const { eks } = loadValid(withRequired());
    expect(eks.authenticationMode).toBe("API");
    expect(eks.accessEntries).toEqual([]);
    expect(eks.addons).toEqual([{ name: "vpc-cni" }, { name: "coredns" }, { name: "kube-proxy" }, { name: "eks-pod-identity-agent" }]);
    expect(eks.podIdentities).toEqual([]);
  });

  it("add declared add-ons after the defaults, and pin a default in its place", () => {
    const { eks } = loadValid(withRequired(`eks:\n  addons:\n    - name: aws-ebs-csi-driver\n    - name: kube-proxy\n      version: v1.31.3-eksbuild.2\n`));
    expect(eks.addons).toEqual([{ name: "vpc-cni" }, { name: "coredns" }, { name: "kube-proxy", version: "v1.31.3-eksbuild.2" }, { name: "eks-pod-identity-agent" }, { name: "aws-ebs-csi-driver" }]);
  });

  it("report every mistake at its line and column", () => {
    const text = withRequired(`eks:
  authenticationMode: CONFIG_MAP
  accessEntries:
    - principalArn: arn:aws:sts::123456789012:assumed-role/admin/me
      accessPolicy: root
    - principalArn: arn:aws:iam::123456789012:role/admins
      accessPolicy: cluster-admin
      namespaces: [booking]
    - principalArn: arn:aws:iam::123456789012:role/admins
      accessPolicy: view
      namespaces: [Booking]
  addons:
    - name: coredns
    - name: coredns
      version: latest
  podIdentities:
    - namespace: booking
      serviceAccount: api
      roleArn: arn:aws:iam::210987654321:role/booking-api
    - namespace: booking
      serviceAccount: api
      roleArn: arn:aws:iam::123456789012:user/booking-api
`);
    expect(problemLines(text)).toEqual([
      '8:23 /eks/authenticationMode eks.authenticationMode must be API or API_AND_CONFIG_MAP, not "CONFIG_MAP"',
      '10:21 /eks/accessEntries/0/principalArn eks.accessEntries[0].principalArn must be an IAM role or user ARN such as arn:aws:iam::123456789012:role/booking-admins, not "arn:aws:sts::123456789012:assumed-role/admin/me"',
      '11:21 /eks/accessEntries/0/accessPolicy eks.accessEntries[0].accessPolicy must be one of cluster-admin, admin, edit or view, not "root"',
      "14:7 /eks/accessEntries/1/namespaces eks.accessEntries[1].namespaces: cluster-admin is cluster-wide; remove namespaces, or use admin, edit or view for namespaced access",
      '15:21 /eks/accessEntries/2/principalArn eks.accessEntries[2].principalArn "arn:aws:iam::123456789012:role/admins" is already used by eks.accessEntries[1].principalArn; each access entry principal must be unique',
      '17:20 /eks/accessEntries/2/namespaces/0 eks.accessEntries[2].namespaces[0] must be a Kubernetes name: lowercase letters, digits and "-", starting and ending with a letter or digit, not "Booking"',
      '20:13 /eks/addons/1/name eks.addons[1].name "coredns" is already used by eks.addons[0].name; each add-on must be unique',
      '21:16 /eks/addons/1/version eks.addons[1].version must be an add-on version such as v1.11.4-eksbuild.2, not "latest"',
      "25:16 /eks/podIdentities/0/roleArn eks.podIdentities[0].roleArn is a role in account 210987654321; EKS Pod Identity gives pods roles of the cluster's account (123456789012)",
      '27:23 /eks/podIdentities/1/serviceAccount eks.podIdentities[1].serviceAccount "booking/api" is already used by eks.podIdentities[0].serviceAccount; each namespace/serviceAccount must be unique',
      '28:16 /eks/podIdentities/1/roleArn eks.podIdentities[1].roleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/booking-api, not "arn:aws:iam::123456789012:user/booking-api"',
    ]);
  });

  it("refuse two access entries whose principals differ only in letter case (IAM takes them as one)", () => {
    const text = withRequired(`eks:
  accessEntries:
    - principalArn: arn:aws:iam::123456789012:role/Deploy
      accessPolicy: view
    - principalArn: arn:aws:iam::123456789012:role/deploy
      accessPolicy: edit
`);
    expect(problemLines(text)).toEqual([
      '11:21 /eks/accessEntries/1/principalArn eks.accessEntries[1].principalArn "arn:aws:iam::123456789012:role/deploy" is the same as eks.accessEntries[0].principalArn "arn:aws:iam::123456789012:role/Deploy" (IAM role and user names ignore letter case, so both name one principal); each access entry principal must be unique',
    ]);
  });
});
