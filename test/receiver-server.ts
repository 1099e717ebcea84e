// Tests under src/ import the harness by this path (harness/receiver.ts).
export * from '../harness/receiver.js';
