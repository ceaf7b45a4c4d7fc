// Between the launch template's properties and EC2's LaunchTemplateData, both ways. Pure.
import type { LaunchTemplateHttpTokensState, RequestLaunchTemplateData, ResponseLaunchTemplateData, VolumeType } from "@aws-sdk/client-ec2";
import { booleanProp, numberProp, stringProp } from "../shared/properties.js";
import type { Json } from "../types.js";

/** The root device of the EKS-optimised Amazon Linux AMIs EKS picks for managed node groups. */
export const ROOT_DEVICE_NAME = "/dev/xvda";

/** The properties that live in a version's data (everything but the template's name). */
export const VERSIONED_PROPERTIES: readonly string[] = [
  "rootVolumeSize",
  "rootVolumeType",
  "rootVolumeEncrypted",
  "rootVolumeKmsKeyArn",
  "httpTokens",
  "httpPutResponseHopLimit",
];

export function launchTemplateData(p: Record<string, Json>): RequestLaunchTemplateData {
  const kmsKeyId = p.rootVolumeKmsKeyArn;
  return {
    BlockDeviceMappings: [
      {
        DeviceName: ROOT_DEVICE_NAME,
        Ebs: {
          VolumeSize: numberProp(p, "rootVolumeSize"),
          VolumeType: stringProp(p, "rootVolumeType") as VolumeType,
          Encrypted: booleanProp(p, "rootVolumeEncrypted"),
          ...(typeof kmsKeyId === "string" ? { KmsKeyId: kmsKeyId } : {}),
          DeleteOnTermination: true,
        },
      },
    ],
    MetadataOptions: {
      HttpEndpoint: "enabled",
      HttpTokens: stringProp(p, "httpTokens") as LaunchTemplateHttpTokensState,
      HttpPutResponseHopLimit: numberProp(p, "httpPutResponseHopLimit"),
    },
  };
}

/** What a version's data says, as properties; settings it lacks read as null (and so differ). */
export function propertiesOfData(data: ResponseLaunchTemplateData | undefined): Record<string, Json> {
  const root = data?.BlockDeviceMappings?.find((mapping) => mapping.DeviceName === ROOT_DEVICE_NAME)?.Ebs;
  const metadata = data?.MetadataOptions;
  return {
    rootVolumeSize: root?.VolumeSize ?? null,
    rootVolumeType: root?.VolumeType ?? null,
    rootVolumeEncrypted: root?.Encrypted ?? false,
    rootVolumeKmsKeyArn: root?.KmsKeyId ?? null,
    httpTokens: metadata?.HttpTokens ?? null,
    httpPutResponseHopLimit: metadata?.HttpPutResponseHopLimit ?? null,
  };
}
