/** The charts' section id: the phone's jump button and the skip link's neighbours find it by this. */
export const CHARTS_ID = 'charts';

/**
 * On a narrow screen the charts sit below a long column of controls; this
 * button rides in the run bar pinned to the bottom, so the task chart is one
 * tap away whatever is on screen. Hidden by CSS where the charts sit beside
 * the controls.
 */
export function JumpToCharts() {
  const jump = () => {
    const charts = document.getElementById(CHARTS_ID);
    charts?.scrollIntoView({ block: 'start' });
    charts?.focus({ preventScroll: true });
  };
  return (
    <button type="button" className="jump-to-charts" onClick={jump} data-testid="jump-to-charts">
      Charts
    </button>
  );
}
