// The outputs' view of a declaration: its access entries (principal and policy) and the zone it
// delegates from.
import type { Declaration } from "../declaration/types.js";
import type { AccessPrincipal } from "./cluster-outputs.js";

/** eks.accessEntries, when the declaration has them (the field is optional in older declarations). */
export function declaredAccess(declaration: Declaration | undefined): AccessPrincipal[] {
  const eks = declaration?.eks as (Declaration["eks"] & { accessEntries?: readonly AccessPrincipal[] }) | undefined;
  return (eks?.accessEntries ?? []).map((entry) => ({ principalArn: entry.principalArn, accessPolicy: entry.accessPolicy }));
}

/** The declaration's part of reading outputs: access entries and dns.delegateFrom. */
export function outputsContext(declaration: Declaration | undefined): { access: AccessPrincipal[]; delegateFrom?: string } {
  const delegateFrom = declaration?.dns.delegateFrom;
  return { access: declaredAccess(declaration), ...(delegateFrom ? { delegateFrom } : {}) };
}
