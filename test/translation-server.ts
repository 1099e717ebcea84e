// Tests under src/ import the harness by this path (harness/translation.ts).
export * from '../harness/translation.js';
