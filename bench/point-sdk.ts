// Points the AWS SDK of this process at a local endpoint (moto and its stand-ins) with dummy
// credentials, as test/support/aws.ts does for tests; the benchmarks that talk to AWS share it.

const ENV_KEYS = ["AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_PROFILE", "AWS_SESSION_TOKEN"] as const;

/** Sets the SDK's environment for `endpoint`; returns a function that restores what was there. */
export function pointSdkAt(endpoint: string): () => void {
  const saved = ENV_KEYS.map((key) => [key, process.env[key]] as const);
  Object.assign(process.env, { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: "eu-west-1" });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
