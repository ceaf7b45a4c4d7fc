// okctl outputs: what the team needs to use the cluster, read from AWS at any time.
import { readClusterOutputs } from "../outputs/read-outputs.js";
import { outputsContext } from "../outputs/declared-access.js";
import { renderOutputsText } from "../render/outputs.js";
import { openForReading, READ_OPTIONS } from "./cluster-session.js";
import { parseOptions } from "./parse-options.js";
import { EXIT_OK, type CliIo, type Command } from "./types.js";

const USAGE = `Usage: okctl outputs [-f FILE] [--repository OWNER/NAME] [--repository-id ID] [--profile NAME] [--format text|json]

Prints what the cluster that FILE (default ./okctl.yaml) declares offers, read from AWS (by tag):
the Kubernetes API endpoint and the \`aws eks update-kubeconfig\` command (with the role to use),
the hosted zone's name servers and any delegation still to do by hand, the certificates' ARNs and
status, and the parameters' paths. Reads only. Credentials as for \`okctl plan\`: the repository's
deploy role with OKCTL_ACCESS_CONFIG, otherwise your own (default chain or --profile).

Options:
  -f, --file FILE            The declaration (default okctl.yaml).
  --repository OWNER/NAME    The repository the declaration belongs to (only its resources are
                             shown; read from the git remote origin if left out without
                             OKCTL_ACCESS_CONFIG).
  --repository-id ID         Its numeric GitHub id (what okctl's ownership tags name); without it,
                             okctl asks GitHub (GITHUB_TOKEN, if set, for private repositories).
  --profile NAME             Without the access configuration: the AWS profile to use.
  --format text|json         text (default), or json.
  -h, --help                 Show this help.

Exit codes: 0 printed; 1 invalid declaration or refused; 2 usage error.
`;

const OPTIONS = READ_OPTIONS;

export const outputsCommand: Command = {
  name: "outputs",
  summary: "Show the cluster's endpoint, kubeconfig command, name servers, certificates and parameters",
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(args, OPTIONS, false);
    const session = await openForReading(io, values);
    if (!session.ok) return session.exitCode;
    const outputs = await readClusterOutputs({
      clients: session.clients,
      target: session.target,
      ...outputsContext(session.declaration),
      ...(session.local ? {} : { deployRoleArn: session.entry.roleArn }),
    });
    io.stdout.write(values.format === "json" ? `${JSON.stringify(outputs, null, 2)}\n` : renderOutputsText(outputs));
    return EXIT_OK;
  },
};
