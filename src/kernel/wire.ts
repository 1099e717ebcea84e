/**
 * The plain shapes every layer shares about a webhook call (docs/protocol.md):
 * a key as it arrives, an output as it leaves, and the stage a call runs on.
 */

/** One `{name, value}` pair after coercion: values are strings, or null when the flow sent null. */
export interface WireKey {
  name: string;
  value: string | null;
}

/** One output variable: a full flow-variable name and its string value. */
export interface Output {
  name: string;
  value: string;
}

/** `prod` answers as configured; `test` also honours `$flow.syskey.testNow` (docs/protocol.md). */
export type Stage = 'prod' | 'test';
