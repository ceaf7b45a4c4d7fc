// An existing resource that can't be adopted whatever the declaration says (an adoption handler's
// read throws it; the plan shows it as an error instead of a plan that fails at apply).
export class AdoptionRefused extends Error {
  /** `reason` completes "can't adopt <kind> <id>: …" and says what to do instead. */
  constructor(readonly reason: string) {
    super(reason);
    this.name = "AdoptionRefused";
  }
}
