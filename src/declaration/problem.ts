// A problem found before positions are attached: where it is (a JSON pointer, and which part of the
// node to point at) and what to say. load.ts turns problems into Diagnostics.

export type Anchor =
  /** The node's value (bad values). */
  | "value"
  /** The node's key in its mapping (unknown or misplaced keys). */
  | "key"
  /** The mapping that should contain the node (missing keys): its key, else its start. */
  | "parent";

export interface Problem {
  path: string;
  message: string;
  anchor: Anchor;
}

/** A problem whose position is already known (reading and parsing the text). */
export interface PositionedProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}
