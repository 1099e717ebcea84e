// Tests under src/ import the harness by this path (harness/dialer.ts).
export * from '../harness/dialer.js';
