// Generated secret values: a cryptographic RNG over an alphabet that is safe in URLs and shells.
import { randomInt } from "node:crypto";

/** Letters and digits: nothing a URL, a shell or a YAML file would interpret. */
export const SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random string of `length` characters (randomInt is unbiased: no modulo skew). */
export function generateSecret(length: number): string {
  if (!Number.isInteger(length) || length < 1) throw new Error(`secret length must be a positive integer, got ${length}`);
  let secret = "";
  for (let i = 0; i < length; i += 1) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return secret;
}
