import { useEffect, useState, type ReactNode } from 'react';
import { useViewStore } from '../store/viewStore';
import { useStaggered } from './useStaggered';
import { useLabStore } from '../store/lab';
import { BaseModelPanel } from './BaseModelPanel';
import { AdapterPanel } from './AdapterPanel';
import { DriftChart } from './charts/DriftChart';
import { SkillChart } from './charts/SkillChart';
import { StreamCharts } from './charts/StreamCharts';
import { TaskGeneralChart } from './charts/TaskGeneralChart';
import { TradeoffChart } from './charts/TradeoffChart';
import { LeverChart } from './charts/LeverChart';
import { SweepPanel } from './SweepPanel';
import { useChartRuns } from './charts/useChartRuns';
import { OtherScenarioRuns } from './charts/OtherScenarioRuns';
import { ControlPanel } from './controls/ControlPanel';
import { GenerationsPanel } from './GenerationsPanel';
import { AskModelPanel } from './AskModelPanel';
import { Header } from './Header';
import { QueuePanel } from './QueuePanel';
import { RunControls } from './RunControls';
import { RunList } from './RunList';
import { ShortcutsHelp } from './ShortcutsHelp';
import { ShareLabView } from './ShareLabView';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import type { BackendChoice } from '../worker/backendChoice';
import { openLink, syncUrlWithControls } from '../store/linkSync';
import { indexedDbStore, restoreAndPersistRuns } from '../store/persistRuns';
import { useNoticeStore } from '../store/noticeStore';
import { restoreAndPersistQueue } from '../store/queueStore';
import { Notices } from './Notices';
import { SharePanel } from './SharePanel';
import { FilesPanel } from './FilesPanel';
import { IntroMount } from './teach/IntroMount';
import { LessonMount } from './teach/LessonMount';
import { ChallengeMount } from './teach/ChallengeMount';
import { ClassViewMount } from './teach/ClassViewMount';
import { ClassSweepMount } from './teach/ClassSweepMount';
import { GlossaryMount } from './teach/GlossaryMount';
import { CompareRuns } from './CompareRuns';
import { CHARTS_ID } from './JumpToCharts';
import { OfflineStatus } from './pwa/OfflineStatus';

/** The skip link moves focus to Start (past the header and every control), leaving the URL alone. */
function skipToStart(e: React.MouseEvent): void {
  e.preventDefault();
  document.querySelector<HTMLElement>('[data-testid=start]')?.focus();
}

/** Start-up, once: saved runs back, the link applied, the worker started, the URL kept in step. */
let started = false;
function startLab(): void {
  if (started) return;
  started = true;
  const notify = useNoticeStore.getState().notify;
  void restoreAndPersistRuns(indexedDbStore(), (m) => notify(m, 'warning')).catch((err) =>
    notify(`Saved runs are not available: ${err instanceof Error ? err.message : String(err)}`, 'warning'),
  );
  const waiting = restoreAndPersistQueue();
  if (waiting.length) {
    notify(`The page was reloaded with ${waiting.length} run(s) still queued, which did not run: ${waiting.join(', ')}. They are in the queue, held: press Run queue to run them, or cancel them.`, 'warning');
  }
  const { backend } = openLink(location.href);
  void useLabStore.getState().connect((backend ?? 'auto') as BackendChoice);
  syncUrlWithControls(() => useLabStore.getState().backendChoice);
}

function Footer({ runs }: { runs: number }) {
  const tensors = useLabStore((s) => s.workerTensors);
  return (
    <p className="muted footer" data-testid="footer">
      {runs} run(s) kept in this browser.{tensors !== null && <span data-testid="worker-tensors"> Worker tensors after the last run: {tensors}.</span>}
      <OfflineStatus />
    </p>
  );
}

/** A chart redraws at most once per this many ms for each run training (2 runs in parallel: every 0.8 s). */
const REDRAW_MS_PER_LIVE_RUN = 400;

/**
 * Everything drawn from the runs: the charts, the run list, the generations.
 * It re-renders at every evaluation of a live run; the controls and panels
 * around it are made once in App and handed in, so they do not. `between`
 * goes right after the two main charts (presentation mode puts the lesson there).
 */
function RunViews({ share, base, glossary, between, ask }: { share: ReactNode; base: ReactNode; glossary: ReactNode; between: ReactNode; ask: ReactNode }) {
  const runs = useChartRuns();
  // Each chart takes a new evaluation in a task of its own, and redraws less often the more runs train at once (see useStaggered).
  const interval = REDRAW_MS_PER_LIVE_RUN * runs.live.length;
  const forTask = useStaggered(runs, 0, interval);
  const forSkills = useStaggered(runs, 1, interval);
  const forTradeoff = useStaggered(runs, 2, interval);
  const forDrift = useStaggered(runs, 3, interval);
  const forAnswers = useStaggered(runs, 4, interval);
  return (
    <>
      <OtherScenarioRuns scenario={runs.scenario} elsewhere={runs.elsewhere} />
      {/* The two main charts first, side by side where there is room: the phone's Charts button lands here. */}
      <section className="charts charts-main" id={CHARTS_ID} tabIndex={-1} aria-labelledby="charts-title">
        <h2 id="charts-title" className="sr-only">
          Charts
        </h2>
        <TaskGeneralChart settled={forTask.settled} live={forTask.live} focus={forTask.focus} scenario={forTask.scenario} />
        <TradeoffChart runs={forTradeoff.settled} />
      </section>
      {between}
      <div className="charts charts-more">
        <StreamCharts focus={forSkills.focus} />
        <SkillChart focus={forSkills.focus} />
        <LeverChart runs={forTradeoff.settled} />
        <DriftChart focus={forDrift.focus} />
      </div>
      {/* Right below the charts: forgetting read in the model's own answers, not only plotted. */}
      <section aria-labelledby="gen-title">
        <h2 id="gen-title">Before and after</h2>
        <GenerationsPanel focus={forAnswers.focus} />
      </section>
      {ask}
      <section aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <RunList colors={runs.colors} />
        <FilesPanel />
      </section>
      <CompareRuns colors={runs.colors} />
      {share}
      {base}
      {glossary}
      <Footer runs={runs.all.length + runs.elsewhere.reduce((n, e) => n + e.runs, 0)} />
    </>
  );
}

export function App() {
  useKeyboardShortcuts();
  useEffect(startLab, []);
  const presenting = useViewStore((s) => s.presenting);
  const [controlsShown, setControlsShown] = useState(false);
  // On the root element, so rem-based sizes (the body type) grow with it.
  useEffect(() => {
    document.documentElement.classList.toggle('presenting', presenting);
  }, [presenting]);
  const tucked = presenting && !controlsShown;
  const teaching = (
    <>
      <ClassSweepMount />
      <LessonMount />
      <ChallengeMount />
    </>
  );

  return (
    <div className="app">
      <a className="skip-link" href="#start" onClick={skipToStart}>
        Skip to Start
      </a>
      <Header />
      <ShortcutsHelp />
      <ShareLabView />
      <Notices />
      {/* Presenting, the introduction and the lesson come after Start and the two main charts, so those fill the first screen. */}
      {!presenting && <IntroMount />}
      <div className="layout">
        {presenting && (
          <button type="button" className="small controls-toggle" aria-expanded={!tucked} aria-controls="controls" onClick={() => setControlsShown(!controlsShown)}>
            {tucked ? 'Show the controls' : 'Hide the controls'}
          </button>
        )}
        <aside className="sidebar" id="controls" hidden={tucked}>
          <ControlPanel />
          <SweepPanel />
        </aside>
        <main className="main">
          {!presenting && teaching}
          <RunControls />
          <QueuePanel />
          <RunViews
            between={
              presenting && (
                <>
                  <IntroMount />
                  {teaching}
                </>
              )
            }
            share={
              <>
                <section aria-labelledby="share-title">
                  <h2 id="share-title">Share</h2>
                  <SharePanel />
                </section>
                <ClassViewMount />
              </>
            }
            base={
              <>
                <section aria-labelledby="adapters-title">
                  <h2 id="adapters-title">Adapters</h2>
                  <AdapterPanel />
                </section>
                <section aria-labelledby="base-title">
                  <h2 id="base-title">Base model</h2>
                  <BaseModelPanel />
                </section>
              </>
            }
            glossary={<GlossaryMount />}
            ask={
              <section aria-labelledby="ask-title">
                <h2 id="ask-title">Ask the model</h2>
                <AskModelPanel />
              </section>
            }
          />
        </main>
      </div>
    </div>
  );
}
