/**
 * The README's numbers are the committed report's: the generated section
 * equals the report rendered again, and the report's verdicts equal the
 * claims judged again from its own measurements.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './checkpointFiles';
import { mergeReports, readmeSection, readReport, rejudge, reportMarkdown, reportName, type Report } from './reportFile';
import { REPORT_CLAIMS, reportPlanFor, reportRuns } from './reportPlan';
import { shardOf } from './shard';

/** Each committed report (docs/report-NAME.json) and the fewest seeds it may rest on. */
const REPORTS = [
  { name: 'skills', minSeeds: 10 },
  { name: 'text', minSeeds: 6 },
  { name: 'stream', minSeeds: 5 },
] as const;

describe('the committed report', () => {
  for (const { name, minSeeds } of REPORTS) {
    it(`is what README.md shows, and its verdicts follow from its numbers (${name})`, async () => {
      const report = await readReport(join(REPO_ROOT, `docs/report-${name}.json`));
      const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
      expect(readmeSection(readme, name), `run \`npm run lab -- report --from docs/report-${name}.json --write-readme\``).toBe(reportMarkdown(report));
      expect(reportName(report)).toBe(name);
      expect(report.scenario).toBe(reportPlanFor(name).scenario);
      expect(rejudge(report, reportPlanFor(name).claims)).toEqual(report.claims);
      expect(report.seeds.length).toBeGreaterThanOrEqual(minSeeds);
    });
  }
});

describe('merging reports made on other seeds', () => {
  /** The report's measurements on some of its seeds, as a run on those seeds alone would have written them. */
  const part = (report: Report, seeds: number[]): Report => {
    const runs = report.runs.map((r) => ({ ...r, perSeed: Object.fromEntries(Object.entries(r.perSeed).filter(([s]) => seeds.includes(Number(s)))) }));
    const partial = { ...report, seeds, runs, claims: [] };
    return { ...partial, claims: rejudge(partial, REPORT_CLAIMS) };
  };

  it('gives back the whole report from its halves, verdicts judged over every seed', async () => {
    const report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
    const half = Math.ceil(report.seeds.length / 2);
    const merged = mergeReports([part(report, report.seeds.slice(half)), part(report, report.seeds.slice(0, half))], REPORT_CLAIMS);
    expect(merged.seeds).toEqual(report.seeds);
    expect(merged.runs).toEqual(report.runs);
    expect(merged.claims).toEqual(report.claims);
  });

  it('refuses a seed measured twice and reports of different setups', async () => {
    const report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
    expect(() => mergeReports([part(report, [1, 2]), part(report, [2, 3])], REPORT_CLAIMS)).toThrow(/seed 2/);
    const other = { ...part(report, [3]), setup: { ...report.setup, steps: 10 } };
    expect(() => mergeReports([part(report, [1]), other], REPORT_CLAIMS)).toThrow(/different setups/);
  });
});

describe('merging the shards of a report (--shard i/n)', () => {
  /** Shard i/n of the committed report: the cells `report --shard i/n` would have measured, claims left for the merge. */
  const shardOfReport = (report: Report, index: number, count: number): Report => {
    const cells = shardOf(reportRuns(reportPlanFor('skills'), report.seeds), { index, count }).map(({ item }) => item);
    const runs = report.runs
      .map((r) => ({ ...r, perSeed: Object.fromEntries(Object.entries(r.perSeed).filter(([seed]) => cells.some((c) => c.label === r.label && c.seed === Number(seed)))) }))
      .filter((r) => Object.keys(r.perSeed).length);
    return { ...report, runs, claims: [], shard: { index, count, labels: report.runs.map((r) => r.label) } };
  };
  const order = reportPlanFor('skills').runs.map((r) => r.label);

  it('gives back exactly the whole report from its shards, in any order', async () => {
    const report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
    for (const count of [2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, i) => shardOfReport(report, i + 1, count)).reverse();
      const merged = mergeReports(shards, REPORT_CLAIMS, order);
      expect(merged.shard).toBeUndefined();
      expect(merged.seeds).toEqual(report.seeds);
      expect(merged.runs).toEqual(report.runs);
      expect(merged.claims).toEqual(report.claims);
    }
  });

  it('names the runs a missing shard held', async () => {
    const report = await readReport(join(REPO_ROOT, 'docs/report-skills.json'));
    const given = [1, 3].map((i) => shardOfReport(report, i, 3));
    expect(() => mergeReports(given, REPORT_CLAIMS, order)).toThrow(/leave out \d+ run\(s\): '.+' seed \d+.*shards given: 1\/3, 3\/3 of 3/);
  });
});
