/**
 * The custom domain's built-in example, for those who bring no text of their
 * own: four Python modules of gyp, the build tool node-gyp ships (npm
 * package node-gyp, MIT; gyp itself BSD-3-Clause, Google and Node.js
 * contributors). Python is a new kind of text for the lab: code, but not the
 * JavaScript of the code domain, with indentation that means something.
 *
 *   npx tsx scripts/buildCustomExample.ts [NODE_GYP_DIR]
 *
 * NODE_GYP_DIR defaults to the copy npm bundles (npm root -g)/npm/node_modules/node-gyp.
 * Writes public/data/custom/gyp-python.txt, and LICENSE-gyp.txt and ATTRIBUTION.md beside it.
 */
import { execSync } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/repoRoot';

/** Small, self-contained modules (about 38 KB together): enough for 4+ held-out evaluation windows, quick to read. */
const MODULES = ['common.py', 'easy_xml.py', 'ninja_syntax.py', 'simple_copy.py'];
const OUT_DIR = join(REPO_ROOT, 'public', 'data', 'custom');

async function main(): Promise<void> {
  const dir = process.argv[2] ?? join(execSync('npm root -g', { encoding: 'utf8' }).trim(), 'npm', 'node_modules', 'node-gyp');
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license: string };
  const parts = await Promise.all(MODULES.map(async (m) => `# ---- gyp/pylib/gyp/${m} ----\n${await readFile(join(dir, 'gyp', 'pylib', 'gyp', m), 'utf8')}`));
  const header = `# Python source from gyp (${pkg.name} ${pkg.version}, ${pkg.license}; gyp: BSD-3-Clause, see LICENSE-gyp.txt)\n`;
  await mkdir(OUT_DIR, { recursive: true });
  await writeFile(join(OUT_DIR, 'gyp-python.txt'), header + parts.join('\n'));
  await writeFile(join(OUT_DIR, 'LICENSE-gyp.txt'), await readFile(join(dir, 'gyp', 'LICENSE'), 'utf8'));
  await writeFile(
    join(OUT_DIR, 'ATTRIBUTION.md'),
    `# The custom domain's example text\n\n` +
      `\`gyp-python.txt\` is four Python modules of gyp (${MODULES.map((m) => `\`gyp/pylib/gyp/${m}\``).join(', ')}) as ` +
      `the npm package ${pkg.name} ${pkg.version} (${pkg.license}) ships them, joined with a header line before each. ` +
      `gyp is Copyright (c) 2009 Google Inc. and (c) 2020 Node.js contributors, under the BSD-3-Clause licence in ` +
      `\`LICENSE-gyp.txt\`. Nothing else was changed; the lab lower-cases it and maps characters outside its ` +
      `alphabet when it reads it, as it does any text. Rebuild with \`npx tsx scripts/buildCustomExample.ts\`.\n`,
  );
  process.stdout.write(`wrote ${join(OUT_DIR, 'gyp-python.txt')} from ${pkg.name} ${pkg.version}\n`);
}

void main();
