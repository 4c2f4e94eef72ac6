import { sectionOf } from '../../engine/config/sections';
import type { ScenarioName } from '../../engine/scenarios/names';
import { describeScenario } from '../../engine/scenarios/registry';
import { useConfigStore } from '../../store/configStore';
import { useViewStore } from '../../store/viewStore';
import './charts.css';

/**
 * The runs the charts leave out because they belong to another scenario (they
 * measure something else, on another model): counted under a heading of their
 * own, with one button that switches the page to that scenario (the same
 * switch as the scenario control, so the settings start where that scenario
 * starts). A link that locks the scenario's section keeps the button off, and says so.
 */
export function OtherScenarioRuns({ scenario, elsewhere }: { scenario: ScenarioName; elsewhere: ReadonlyArray<{ scenario: ScenarioName; runs: number }> }) {
  const locked = useViewStore((s) => s.lockedGroups.has(sectionOf('scenario')));
  if (!elsewhere.length) return null;
  const here = describeScenario(scenario).label;
  return (
    <section className="other-scenario-runs" aria-labelledby="other-scenario-title" data-testid="other-scenario-runs">
      <h3 id="other-scenario-title">Runs of another scenario</h3>
      <p className="muted">The charts show {here} runs only: another scenario trains another model, on other data, measured another way.</p>
      <ul>
        {elsewhere.map((e) => {
          const label = describeScenario(e.scenario).label;
          return (
            <li key={e.scenario}>
              <span data-testid={`other-scenario-count-${e.scenario}`}>
                {e.runs} {label} run{e.runs === 1 ? '' : 's'}
              </span>{' '}
              —{' '}
              <button
                type="button"
                className="small"
                data-testid={`show-scenario-${e.scenario}`}
                disabled={locked}
                title={locked ? 'This link locks the scenario.' : undefined}
                onClick={() => useConfigStore.getState().set('scenario', e.scenario)}
              >
                show the {label} scenario
              </button>
              {locked && <span className="muted"> (this link locks the scenario)</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
