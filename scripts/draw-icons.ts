/** Writes the app's icons (scripts/lib/appIcon.ts) to public/icons/: `npm run build:icons`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawIcon, encodePng, ICONS } from './lib/appIcon';
import { REPO_ROOT } from './lib/repoRoot';

const folder = join(REPO_ROOT, 'public', 'icons');
mkdirSync(folder, { recursive: true });
for (const icon of ICONS) {
  writeFileSync(join(folder, icon.file), encodePng(drawIcon(icon), icon.size));
  console.log(`public/icons/${icon.file} (${icon.size}×${icon.size}${icon.maskable ? ', maskable' : ''})`);
}
