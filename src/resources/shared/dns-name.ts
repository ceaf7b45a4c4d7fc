// DNS names as okctl compares them; pure (the desired graph uses it without loading Route 53's client).

/** "Example.COM." → "example.com" (Route 53 returns names with a trailing dot). */
export function dnsName(name: string): string {
  return name.toLowerCase().replace(/\.$/, "");
}
