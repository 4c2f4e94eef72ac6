import { useEffect } from 'react';
import { useStaggered } from './useStaggered';
import { useLabStore } from '../store/lab';
import { BaseModelPanel } from './BaseModelPanel';
import { DriftChart } from './charts/DriftChart';
import { SkillChart } from './charts/SkillChart';
import { TaskGeneralChart } from './charts/TaskGeneralChart';
import { TradeoffChart } from './charts/TradeoffChart';
import { useChartRuns } from './charts/useChartRuns';
import { ControlPanel } from './controls/ControlPanel';
import { GenerationsPanel } from './GenerationsPanel';
import { Header } from './Header';
import { RunControls } from './RunControls';
import { RunList } from './RunList';
import { ShortcutsHelp } from './ShortcutsHelp';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import type { BackendChoice } from '../worker/backendChoice';
import { openLink, syncUrlWithControls } from '../store/linkSync';
import { indexedDbStore, restoreAndPersistRuns } from '../store/persistRuns';
import { useNoticeStore } from '../store/noticeStore';
import { Notices } from './Notices';
import { SharePanel } from './SharePanel';
import { FilesPanel } from './FilesPanel';

/** Start-up, once: saved runs back, the link applied, the worker started, the URL kept in step. */
let started = false;
function startLab(): void {
  if (started) return;
  started = true;
  const notify = useNoticeStore.getState().notify;
  void restoreAndPersistRuns(indexedDbStore(), (m) => notify(m, 'warning')).catch((err) =>
    notify(`Saved runs are not available: ${err instanceof Error ? err.message : String(err)}`, 'warning'),
  );
  const { backend } = openLink(location.href);
  void useLabStore.getState().connect((backend ?? 'auto') as BackendChoice);
  syncUrlWithControls(() => useLabStore.getState().backendChoice);
}

function Footer({ runs }: { runs: number }) {
  const tensors = useLabStore((s) => s.workerTensors);
  return (
    <p className="muted footer" data-testid="footer">
      {runs} run(s) kept in this browser.{tensors !== null && <span data-testid="worker-tensors"> Worker tensors after the last run: {tensors}.</span>}
    </p>
  );
}

export function App() {
  const runs = useChartRuns();
  const { all } = runs;
  // Each chart takes a new evaluation in a task of its own (see useStaggered).
  const forTask = useStaggered(runs, 0);
  const forSkills = useStaggered(runs, 1);
  const forTradeoff = useStaggered(runs, 2);
  const forDrift = useStaggered(runs, 3);
  const forAnswers = useStaggered(runs, 4);
  useKeyboardShortcuts();
  useEffect(startLab, []);

  return (
    <div className="app">
      <Header />
      <ShortcutsHelp />
      <Notices />
      <div className="layout">
        <aside className="sidebar">
          <ControlPanel />
        </aside>
        <main className="main">
          <RunControls />
          <div className="charts">
            <TaskGeneralChart settled={forTask.settled} live={forTask.live} focus={forTask.focus} />
            <SkillChart focus={forSkills.focus} />
            <TradeoffChart runs={forTradeoff.settled} />
            <DriftChart focus={forDrift.focus} />
          </div>
          <section aria-labelledby="runs-title">
            <h2 id="runs-title">Runs</h2>
            <RunList />
            <FilesPanel />
          </section>
          <section aria-labelledby="share-title">
            <h2 id="share-title">Share</h2>
            <SharePanel />
          </section>
          <section aria-labelledby="gen-title">
            <h2 id="gen-title">Before and after</h2>
            <GenerationsPanel focus={forAnswers.focus} />
          </section>
          <section aria-labelledby="base-title">
            <h2 id="base-title">Base model</h2>
            <BaseModelPanel />
          </section>
          <Footer runs={all.length} />
        </main>
      </div>
    </div>
  );
}
