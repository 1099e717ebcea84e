const pauseWords: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, y: true, n: false, on: true, off: false };

/** `true`/`false`, `1`/`0`, `yes`/`no`, `y`/`n`, `on`/`off` in any case → the wanted state; anything else → undefined. */
export function parsePauseWord(text: string): boolean | undefined {
  return pauseWords[text.trim().toLowerCase()];
}
