// Compile-time proof that the hand-written, defaulted Declaration (./types.ts) is still something a
// user may write according to schemas/okctl.schema.json (as DeclarationInput, generated from it).
// If the schema and the types drift apart, `tsc` fails here. Nothing in this file runs.
import type { DeclarationInput } from "./schema-types.generated.js";
import type { Declaration } from "./types.js";

type AssertAssignable<Sub extends Super, Super> = Sub;

/** Keys of A (at any depth) that B does not have: assignability alone lets extra keys through. */
type ExtraKeys<A, B> = A extends readonly (infer AItem)[]
  ? B extends readonly (infer BItem)[]
    ? ExtraKeys<AItem, BItem>
    : never
  : A extends object
    ? B extends object
      ? { [K in keyof A]-?: K extends keyof B ? ExtraKeys<A[K], NonNullable<B[K]>> : K }[keyof A]
      : never
    : never;

type AssertNever<T extends never> = T;

/** Fails to compile when a Declaration is not a valid DeclarationInput. */
export type DeclarationConformsToSchema = AssertAssignable<Declaration, DeclarationInput>;
/** Fails to compile when Declaration has a field the schema does not define. */
export type DeclarationHasNoExtraFields = AssertNever<ExtraKeys<Declaration, DeclarationInput>>;
