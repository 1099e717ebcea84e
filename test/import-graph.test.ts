import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ from the bottom up (docs/layout.md "Layers"): a module
 * may import its own layer or one below, never one above, and no chain of
 * imports may come back to where it started. The first pattern a path
 * matches decides its layer.
 */
const layers: ReadonlyArray<{ name: string; paths: readonly RegExp[] }> = [
  { name: 'kernel', paths: [/^kernel\//, /^time\//, /^phone\//, /^net\//] },
  { name: 'observability', paths: [/^observability\//] },
  { name: 'storage', paths: [/^storage\//] },
  { name: 'services', paths: [/^adapters\//, /^accounts\//, /^agents\//, /^auth\//, /^holidays\//, /^bots\//, /^shortener\//, /^do-not-call\//, /^invocations\//, /^limits\//, /^overview\//] },
  { name: 'method contract', paths: [/^methods\/contract\.ts$/] },
  { name: 'wire protocol', paths: [/^protocol\//] },
  { name: 'methods', paths: [/^methods\//] },
  { name: 'routes', paths: [/^api\//, /^console\//, /^docs\//] },
  { name: 'assembly', paths: [/^services\.ts$/, /^app\.ts$/, /^main\.ts$/, /^cli\.ts$/, /^cli\//, /^config\.ts$/] },
];

const sourceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

/** Every non-test module of src/ (the console's browser code is its own program) with the src/ modules it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (relative(sourceRoot, path) !== join('console', 'web')) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const imports = ts
          .preProcessFile(readFileSync(path, 'utf8'), true, true)
          .importedFiles.map((file) => file.fileName)
          .filter((name) => name.startsWith('.'))
          .map((name) => relative(sourceRoot, normalize(join(dirname(path), name))).replace(/\.js$/, '.ts'));
        graph.set(relative(sourceRoot, path), imports);
      }
    }
  };
  walk(sourceRoot);
  return graph;
}

function layerOf(module: string): number {
  const index = layers.findIndex((layer) => layer.paths.some((pattern) => pattern.test(module)));
  if (index < 0) throw new Error(`${module} is in no layer: add its folder to the layers of test/import-graph.test.ts and docs/layout.md`);
  return index;
}

/** The cycles of a graph: its strongly connected components of more than one module, or a module importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (module: string) => {
    index.set(module, counter);
    low.set(module, counter++);
    stack.push(module);
    onStack.add(module);
    for (const target of graph.get(module) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(module, Math.min(low.get(module)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(module, Math.min(low.get(module)!, index.get(target)!));
      }
    }
    if (low.get(module) === index.get(module)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== module);
      if (component.length > 1 || (graph.get(module) ?? []).includes(module)) found.push(component.sort());
    }
  };
  for (const module of graph.keys()) if (!index.has(module)) visit(module);
  return found;
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads the modules and their imports (the check below has something to check)', () => {
    expect(graph.get('app.ts')).toContain('protocol/webhook-route.ts');
    expect(graph.get('methods/allocate-agent/allocate-agent.ts')).toContain('methods/contract.ts');
  });

  it('puts every module in a layer, and no module imports from a layer above its own', () => {
    const climbing = [...graph].flatMap(([module, imports]) =>
      imports.filter((target) => graph.has(target) && layerOf(target) > layerOf(module)).map((target) => `${module} (${layers[layerOf(module)]!.name}) → ${target} (${layers[layerOf(target)]!.name})`),
    );
    expect(climbing).toEqual([]);
  });

  it('has no cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle and a climbing import when there is one (the checks can fail)', () => {
    const planted = new Map([
      ['storage/a.ts', ['storage/b.ts']],
      ['storage/b.ts', ['storage/a.ts', 'protocol/lookup.ts']],
      ['protocol/lookup.ts', []],
    ]);
    expect(cycles(planted)).toEqual([['storage/a.ts', 'storage/b.ts']]);
    expect(layerOf('protocol/lookup.ts')).toBeGreaterThan(layerOf('storage/b.ts'));
  });
});
