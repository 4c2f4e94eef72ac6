/**
 * tfjs lives in the worker: nothing the page's main thread imports (from
 * src/main.tsx, following every import that is not type-only) may reach
 * tfjs. Dev servers do not tree-shake, so an import kept only for a type
 * would load tfjs into the page there.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '..');
const IMPORT = /^\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;

function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[5]) {
      found.push(m[5]);
      continue;
    }
    if (m[2]) continue; // import type ... / export type ...
    const clause = m[3].replace(/\s+/g, ' ');
    const braces = /\{([^}]*)\}/.exec(clause);
    const outside = clause.replace(/\{[^}]*\}/, '').replace(/,/g, '').trim();
    const named = braces ? braces[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
    if (!outside && named.length && named.every((n) => n.startsWith('type '))) continue; // only types in braces
    found.push(m[4]);
  }
  return found;
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      /* try the next */
    }
  }
  return null;
}

describe('the page main thread', () => {
  it('never imports tfjs', () => {
    const seen = new Map<string, string[]>();
    const queue: Array<[string, string[]]> = [[resolve(SRC, 'main.tsx'), []]];
    const offending: string[] = [];
    while (queue.length) {
      const [file, chain] = queue.shift()!;
      if (seen.has(file)) continue;
      seen.set(file, chain);
      for (const spec of valueImports(file)) {
        if (spec.includes('?')) continue; // asset URLs
        if (spec.startsWith('@tensorflow/') || file.endsWith('engine/tf.ts')) offending.push([...chain, file, spec].join(' → '));
        const next = resolveLocal(file, spec);
        if (next) queue.push([next, [...chain, file.replace(SRC, 'src')]]);
      }
    }
    expect(offending).toEqual([]);
    expect(seen.size).toBeGreaterThan(20);
  });
});
