/**
 * The README's numbers are the committed report's: the generated section
 * equals the report rendered again, and the report's verdicts equal the
 * claims judged again from its own measurements.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './checkpointFiles';
import { readmeSection, readReport, rejudge, reportMarkdown } from './reportFile';
import { REPORT_CLAIMS } from './reportPlan';

const REPORTS = ['skills'];

describe('the committed report', () => {
  for (const scenario of REPORTS) {
    it(`is what README.md shows, and its verdicts follow from its numbers (${scenario})`, async () => {
      const report = await readReport(join(REPO_ROOT, `docs/report-${scenario}.json`));
      const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8');
      expect(readmeSection(readme, scenario), 'run `npm run lab -- report --from docs/report-skills.json --write-readme`').toBe(reportMarkdown(report));
      expect(rejudge(report, REPORT_CLAIMS)).toEqual(report.claims);
      expect(report.seeds.length).toBeGreaterThanOrEqual(10);
    });
  }
});
