/**
 * The continual-learning metrics of a stream of tasks, from its accuracy
 * matrix, as GEM (Lopez-Paz & Ranzato, 2017, §4) and Avalanche define them.
 * Pure: the run's summary, the page's heatmap and the command line share it.
 *
 * Tasks t_0 … t_{T−1} are trained in that order. R[i][j] is the accuracy
 * (exact match; text: next-character accuracy) on task j's held-out set after
 * training stage i; b_j the base model's on task j; g_i the general ability
 * (mean over the general skills) after stage i, g_base the base model's.
 *
 * - Average accuracy  ACC = (1/T) Σ_j R[T−1][j]                (GEM)
 * - Backward transfer BWT = 1/(T−1) Σ_{j<T−1} (R[T−1][j] − R[j][j])   (GEM;
 *   negative when later stages undo earlier ones; undefined for T = 1: null)
 * - Forward transfer  FWT = 1/(T−1) Σ_{j≥1} (R[j−1][j] − b_j)   (GEM)
 * - Forgetting of task j < T−1:  f_j = R[j][j] − R[T−1][j], the accuracy just
 *   after learning it minus at the end (Avalanche's ExperienceForgetting /
 *   StreamForgetting; Chaudhry et al. 2018 take the best earlier row instead
 *   of R[j][j]). So BWT = −mean_j f_j. The last task has no forgetting yet.
 * - General forgetting = g_base − g_{T−1}, as a one-task run's forgetting.
 *
 * The summary of a stream run, so the trade-off chart and sweeps read it as
 * they read a one-task run: task gain = mean_j (R[j][j] − b_j), how much each
 * task was learned in its own stage (plasticity); forgetting = the mean of
 * f_j over the earlier tasks and the general forgetting (stability).
 * A matrix with fewer rows than tasks (a stream in progress) is read as the
 * stream so far: its last row is the end.
 */

/** The stream's scores: `rows[i][j]` = R[i][j] (one row per finished stage), `general[i]` = g_i. */
export interface StreamScores {
  base: readonly number[];
  generalBase: number;
  rows: readonly (readonly number[])[];
  general: readonly number[];
}

export interface StreamMetrics {
  /** Stages finished (rows of the matrix). */
  stages: number;
  acc: number;
  bwt: number | null;
  fwt: number | null;
  /** f_j for every task trained before the last finished stage. */
  forgetting: number[];
  generalForgetting: number;
  /** R[j][j] − b_j for every finished stage's task. */
  learned: number[];
  /** Summary forms: mean of `learned`; mean of `forgetting` and `generalForgetting`. */
  taskGain: number;
  meanForgetting: number;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function streamMetrics({ base, generalBase, rows, general }: StreamScores): StreamMetrics {
  const stages = rows.length;
  if (stages === 0) throw new Error('stream metrics need at least one finished stage');
  if (general.length !== stages) throw new Error(`stream metrics: ${stages} rows but ${general.length} general scores`);
  for (const [i, row] of rows.entries()) {
    if (row.length !== base.length) throw new Error(`stream metrics: row ${i} has ${row.length} tasks, the base ${base.length}`);
  }
  if (stages > base.length) throw new Error(`stream metrics: ${stages} stages but ${base.length} tasks`);
  const last = rows[stages - 1];
  // ACC over the tasks seen so far (all of them once the stream is done).
  const acc = mean(last.slice(0, stages));
  const forgetting = rows.slice(0, stages - 1).map((row, j) => row[j] - last[j]);
  // 0 − x, not −x: no −0 that JSON would turn into 0.
  const bwt = stages > 1 ? 0 - mean(forgetting) : null;
  const fwt = stages > 1 ? mean(rows.slice(1).map((_, k) => rows[k][k + 1] - base[k + 1])) : null;
  const learned = rows.map((row, j) => row[j] - base[j]);
  const generalForgetting = generalBase - general[stages - 1];
  return {
    stages,
    acc,
    bwt,
    fwt,
    forgetting,
    generalForgetting,
    learned,
    taskGain: mean(learned),
    meanForgetting: mean([...forgetting, generalForgetting]),
  };
}
