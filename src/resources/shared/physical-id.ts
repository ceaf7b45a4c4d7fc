// Physical ids that join two names AWS needs together ("<cluster>/<add-on>", "<zone id>/<record>"):
// split at the first slash, the second part may hold more (an ARN, a record name).

/** The two parts of `physicalId`; `what` names the expected form in the error, e.g. "an add-on id (<cluster>/<add-on>)". */
export function splitPhysicalId(physicalId: string, what: string): [string, string] {
  const slash = physicalId.indexOf("/");
  if (slash < 1) throw new Error(`not ${what}: ${physicalId}`);
  return [physicalId.slice(0, slash), physicalId.slice(slash + 1)];
}
