import { describe, expect, it } from "vitest";
import { parseCommand } from "./commands.js";

describe("parseCommand", () => {
  it.each([
    ["/okctl plan", { name: "plan" }],
    ["  /okctl apply\nplease", { name: "apply" }],
    ["/okctl HELP", { name: "help" }],
    ["/okctl", { name: "help" }],
    ["/okctl destroy-everything", { name: "unknown", text: "/okctl destroy-everything" }],
  ])("reads %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each(["lgtm", "please run /okctl plan", "/okctlplan", "/okctl-plan"])("ignores %j", (body) => {
    expect(parseCommand(body)).toBeUndefined();
  });
});
