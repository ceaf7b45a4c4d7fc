// The AWS the tests and benchmarks talk to: one moto server with the loopback EKS extension in
// front of it (test/support/eks-standin/), which serves the EKS operations moto lacks and passes
// everything else — including moto's /moto-api/ — to moto. Its endpoint is the one to use.
import { startEksStandin } from "./eks-standin/server.js";
import { startMotoServer, type MotoServer } from "./moto-server.js";
import { startPricingStandin } from "./pricing-standin.js";

/** Also the AWS Price List stand-in (moto has no Pricing API): reached through AWS_ENDPOINT_URL_PRICING. */
export async function startTestAws(options: { acmValidationWaitSeconds?: number } = {}): Promise<MotoServer & { motoEndpoint: string; pricingEndpoint: string }> {
  const moto = await startMotoServer(options);
  try {
    const standin = await startEksStandin(moto.endpoint);
    const pricing = await startPricingStandin();
    return {
      endpoint: standin.endpoint,
      motoEndpoint: moto.endpoint,
      pricingEndpoint: pricing.endpoint,
      stop: async () => {
        await pricing.close();
        await standin.stop();
        await moto.stop();
      },
    };
  } catch (error) {
    await moto.stop();
    throw error;
  }
}
