import { describe, expect, it } from "vitest";
import { generateSecret, SECRET_ALPHABET } from "./secret.js";

describe("generated secrets", () => {
  it("have the asked length and only URL- and shell-safe characters", () => {
    const secret = generateSecret(64);
    expect(secret).toHaveLength(64);
    expect(secret).toMatch(/^[A-Za-z0-9]+$/);
    expect(SECRET_ALPHABET).toHaveLength(62);
  });
  it("differ each time and use the whole alphabet", () => {
    expect(generateSecret(32)).not.toBe(generateSecret(32));
    expect(new Set(generateSecret(5_000)).size).toBe(62);
  });
  it("refuse a length that is not a positive integer", () => {
    expect(() => generateSecret(0)).toThrow();
    expect(() => generateSecret(1.5)).toThrow();
  });
});
