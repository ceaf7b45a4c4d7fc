/** The label of okctl's drift issues (with the body's marker, how okctl finds its issue again). */
export const DRIFT_LABEL = "okctl/drift";
