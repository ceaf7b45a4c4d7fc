// Records which AWS operations a run makes: a loopback proxy in front of moto that notes each
// request's operation (query Action, JSON target, or REST method and path), then forwards it.
import { request as httpRequest } from "node:http";
import { withLoopbackAws } from "./aws-call-counter.js";

export interface RecordedOperation {
  /** "Action=DescribeVpcs", "AmazonSSM.DescribeParameters" or "GET /clusters/x". */
  operation: string;
  readOnly: boolean;
}

const READ_VERB = /^(Describe|List|Get)/;

function operationOf(method: string, path: string, target: string | undefined, body: string): RecordedOperation {
  const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body)?.[1];
  if (action) return { operation: `Action=${action}`, readOnly: READ_VERB.test(action) };
  if (target) return { operation: target, readOnly: READ_VERB.test(target.split(".").pop() ?? "") };
  // REST APIs (EKS, Route 53): GET reads; Route 53's batch tag read is a POST to /tags/.
  const readOnly = method === "GET" || (method === "POST" && /\/2013-04-01\/tags\//.test(path));
  return { operation: `${method} ${path}`, readOnly };
}

export async function recordAwsOperations(motoEndpoint: string, run: () => Promise<void>): Promise<RecordedOperation[]> {
  const recorded: RecordedOperation[] = [];
  const upstream = new URL(motoEndpoint);
  await withLoopbackAws((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      recorded.push(operationOf(incoming.method ?? "GET", incoming.url ?? "/", incoming.headers["x-amz-target"] as string | undefined, body.toString("utf8")));
      const forward = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on("error", () => outgoing.writeHead(502).end());
      forward.end(body);
    });
  }, run);
  return recorded;
}
