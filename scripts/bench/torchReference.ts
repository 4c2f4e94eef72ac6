/** Runs scripts/bench_torch.py with a Python that has PyTorch, if there is one. */
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '../lib/checkpointFiles';

export interface TorchFigures {
  msPerStep: number;
  torch: string;
  threads: number;
  python: string;
}

/**
 * The best of 1 and 2 PyTorch threads, with OpenBLAS held to one thread so the
 * two pools do not fight over 2 cores (that oversubscription made 2 threads
 * four times slower than 1 here).
 */
export function torchReference(steps: number): (TorchFigures & { byThreads: Record<number, number> }) | { unavailable: string } {
  const candidates = [process.env.TORCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const byThreads: Record<number, number> = {};
    let best: TorchFigures | null = null;
    for (const threads of [1, 2]) {
      const run = spawnSync(python, [`${REPO_ROOT}/scripts/bench_torch.py`, String(steps), String(threads)], {
        encoding: 'utf8',
        env: { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: String(threads) },
      });
      if (run.status !== 0) return { unavailable: `bench_torch.py failed: ${run.stderr.trim().split('\n').at(-1)}` };
      const figures = { ...(JSON.parse(run.stdout) as Omit<TorchFigures, 'python'>), python };
      byThreads[threads] = figures.msPerStep;
      if (!best || figures.msPerStep < best.msPerStep) best = figures;
    }
    return { ...best!, byThreads };
  }
  return { unavailable: 'no Python with PyTorch here (Debian: apt-get install python3-torch; libopenblas0 for a fast BLAS)' };
}
