import { memo, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useViewStore } from '../../store/viewStore';
import { colorRepeat } from '../palette';
import { fitAxis, spanDomain, ticksFor, zoomAround, type Domain } from './axisFit';
import { ChartCard, RunLegend } from './ChartCard';
import { useAxisWidth, useChartHeight } from './chartSize';
import { layoutLabels, type PlacedLabel } from './labelLayout';
import { legendEntries, paretoFront, sweepsOf, sweepTradeoff, tradeoffPoints, type TradeoffPoint } from './series';
import { useElementWidth, useTextMeasure } from './svgText';
import type { ChartRun } from './useChartRuns';
import './charts.css';

const FRONT_COLOR = '#444';
/** Percentage points run from −100 to 100: ticks stay inside, the margin may reach past. */
const POINTS_LIMITS = { min: -100, max: 100 };
const RADIUS = 6;
/** A drag smaller than this (px, either way) is a click, not a zoom box. */
const MIN_DRAG = 8;
const ZOOM_STEP = 0.7;

interface Domains {
  x: Domain;
  y: Domain;
}

const fmt = (v: number) => v.toFixed(1);

/** The runs a label or point stands for, listed with their numbers: a tooltip, and a folded label opened (hidden from screen readers: the label names its runs, the data table holds the numbers). */
function PointList({ points, colors, at }: { points: TradeoffPoint[]; colors: ReadonlyMap<string, string>; at: { x: number; y: number; right: boolean } }) {
  return (
    <div className="chart-tooltip tradeoff-popup" aria-hidden="true" style={at.right ? { right: at.x, top: at.y } : { left: at.x, top: at.y }} data-testid="tradeoff-popup">
      <ul>
        {points.map((p) => (
          <li key={p.id}>
            <span className="swatch" style={{ background: colors.get(p.id) }} aria-hidden="true" /> <strong>{p.name}</strong>: forgetting {fmt(p.forgetting)} · task gain {fmt(p.taskGain)} pts
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Every finished run as a labelled point, forgetting against task gain; each
 * sweep's mean points joined in value order (a lever's own trade-off curve);
 * the Pareto front once there are two runs on it. The axes fit the runs with
 * a margin (axisFit.ts); labels stay inside the plot and apart, folding where
 * they would pile up (labelLayout.ts); a box dragged on the plot, Ctrl + wheel
 * (a trackpad's pinch) or the buttons zoom, Reset fits again. `id` and
 * `title` let a second one (the class view's) stand on the page beside the lab's own.
 */
export const TradeoffChart = memo(function TradeoffChart({ runs, id = 'tradeoff', title = 'Trade-off: task gain vs forgetting' }: { runs: ChartRun[]; id?: string; title?: string }) {
  const height = useChartHeight(300);
  const axisWidth = useAxisWidth(46);
  const highlight = useViewStore((s) => s.highlight);
  const [wrap, width] = useElementWidth<HTMLDivElement>(600);
  const { probe, measure, fontSize } = useTextMeasure();
  const [zoom, setZoom] = useState<Domains | null>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [open, setOpen] = useState<{ ids: string[]; key: string } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);

  const points = useMemo(() => tradeoffPoints(runs.map((c) => c.run)), [runs]);
  const front = useMemo(() => paretoFront(points), [points]);
  const showFront = front.length >= 2;
  const byId = useMemo(() => new Map(runs.map((c) => [c.run.id, c])), [runs]);
  const colors = useMemo(() => new Map(runs.map((c) => [c.run.id, c.color])), [runs]);
  const sweeps = useMemo(
    () =>
      sweepsOf(runs.map((c) => c.run))
        .filter((s) => s.axes.length === 1)
        .map((s) => ({ ...s, color: byId.get(s.runs[0].id)!.color, curve: sweepTradeoff(s) }))
        .filter((s) => s.curve.length >= 2),
    [runs, byId],
  );
  const fitted = useMemo(
    () => ({
      x: fitAxis(points.map((p) => p.forgetting), { limits: POINTS_LIMITS }),
      y: fitAxis(points.map((p) => p.taskGain), { limits: POINTS_LIMITS }),
    }),
    [points],
  );
  const domain: Domains = zoom ?? fitted;
  const xTicks = zoom ? ticksFor(zoom.x, 5, POINTS_LIMITS) : fitted.x.ticks;
  const yTicks = zoom ? ticksFor(zoom.y, 5, POINTS_LIMITS) : fitted.y.ticks;

  // The plot box: room on the left for the ticks and the rotated axis title, below for the ticks and the title.
  const titleSize = fontSize + 2;
  const plot = { x: axisWidth + titleSize + 6, y: 10, width: Math.max(60, width - axisWidth - titleSize - 6 - 16), height: Math.max(60, height - 10 - (fontSize + titleSize + 20)) };
  const sx = (v: number) => plot.x + ((v - domain.x.min) / (domain.x.max - domain.x.min)) * plot.width;
  const sy = (v: number) => plot.y + plot.height - ((v - domain.y.min) / (domain.y.max - domain.y.min)) * plot.height;
  const dataX = (px: number) => domain.x.min + ((px - plot.x) / plot.width) * (domain.x.max - domain.x.min);
  const dataY = (py: number) => domain.y.min + ((plot.y + plot.height - py) / plot.height) * (domain.y.max - domain.y.min);
  const within = (p: TradeoffPoint) => p.forgetting >= domain.x.min && p.forgetting <= domain.x.max && p.taskGain >= domain.y.min && p.taskGain <= domain.y.max;

  const labels: PlacedLabel[] = useMemo(() => {
    const lit = points.filter((p) => within(p) && !byId.get(p.id)?.dimmed);
    return layoutLabels(
      lit.map((p) => ({ id: p.id, x: sx(p.forgetting), y: sy(p.taskGain), label: p.label, same: `${p.forgetting.toFixed(2)},${p.taskGain.toFixed(2)}` })),
      plot,
      { measure, lineHeight: Math.round(fontSize * 1.35), radius: RADIUS },
    );
    // The pixel positions follow from these: the domain, the plot's size and the type.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [points, byId, domain.x.min, domain.x.max, domain.y.min, domain.y.max, plot.width, plot.height, plot.x, fontSize, measure]);

  // Ctrl + wheel (and a trackpad's pinch, which the browser sends as one) zooms around the pointer; a plain wheel scrolls the page.
  const latest = useRef({ domain, dataX, dataY, plot });
  latest.current = { domain, dataX, dataY, plot };
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      const { domain: d, dataX: toX, dataY: toY, plot: box } = latest.current;
      const r = svg.getBoundingClientRect();
      const [px, py] = [e.clientX - r.left, e.clientY - r.top];
      if (px < box.x || px > box.x + box.width || py < box.y || py > box.y + box.height) return;
      e.preventDefault();
      const factor = e.deltaY > 0 ? 1 / ZOOM_STEP : ZOOM_STEP;
      setZoom({ x: zoomAround(d.x, toX(px), factor), y: zoomAround(d.y, toY(py), factor) });
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const local = (e: ReactPointerEvent) => {
    const r = svgRef.current!.getBoundingClientRect();
    return { x: Math.min(Math.max(e.clientX - r.left, plot.x), plot.x + plot.width), y: Math.min(Math.max(e.clientY - r.top, plot.y), plot.y + plot.height) };
  };
  const onPointerDown = (e: ReactPointerEvent<SVGRectElement>) => {
    if (e.button !== 0) return;
    const p = local(e);
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
  };
  const onPointerMove = (e: ReactPointerEvent<SVGRectElement>) => {
    if (!drag) return;
    const p = local(e);
    setDrag({ ...drag, x1: p.x, y1: p.y });
  };
  const onPointerUp = () => {
    if (drag && Math.abs(drag.x1 - drag.x0) >= MIN_DRAG && Math.abs(drag.y1 - drag.y0) >= MIN_DRAG) {
      setZoom({ x: spanDomain(dataX(drag.x0), dataX(drag.x1)), y: spanDomain(dataY(drag.y0), dataY(drag.y1)) });
    }
    setDrag(null);
  };
  const zoomBy = (factor: number) => setZoom({ x: zoomAround(domain.x, (domain.x.min + domain.x.max) / 2, factor), y: zoomAround(domain.y, (domain.y.min + domain.y.max) / 2, factor) });

  const lit = (runId: string) => !highlight || highlight.includes(runId);
  const openLabel = open ? labels.find((l) => l.ids.join() === open.key) : undefined;
  const popupPoints = open ? open.ids.map((i) => points.find((p) => p.id === i)).filter((p): p is TradeoffPoint => p !== undefined) : [];
  const popupAt = openLabel
    ? openLabel.box.x + openLabel.box.width / 2 > width / 2
      ? { x: width - openLabel.box.x - openLabel.box.width, y: openLabel.box.y + openLabel.box.height + 4, right: true }
      : { x: openLabel.box.x, y: openLabel.box.y + openLabel.box.height + 4, right: false }
    : popupPoints[0]
      ? sx(popupPoints[0].forgetting) > width / 2
        ? { x: width - sx(popupPoints[0].forgetting) + 10, y: sy(popupPoints[0].taskGain) + 10, right: true }
        : { x: sx(popupPoints[0].forgetting) + 10, y: sy(popupPoints[0].taskGain) + 10, right: false }
      : null;
  const clip = `${id}-plot`;
  const path = (pts: Array<{ forgetting: number; taskGain: number }>) => pts.map((p, i) => `${i ? 'L' : 'M'}${sx(p.forgetting).toFixed(1)},${sy(p.taskGain).toFixed(1)}`).join('');

  return (
    <ChartCard
      id={id}
      title={title}
      description="One labelled point per finished run (percentage points); a sweep's runs are joined in the order of its values. Up and to the left is better; the dashed line joins the runs no other run beats on both. Labels that would pile up fold into one (“3 runs”): point at it or Tab to it to open it."
      empty="Finished runs appear here."
      legend={
        <RunLegend
          items={[
            ...legendEntries(points.map((p) => byId.get(p.id)!)),
            ...sweeps.map((s) => ({ id: `sweep-${s.id}`, name: `${s.name} (means)`, color: s.color })),
            ...(showFront ? [{ id: 'front', name: 'Pareto front', color: FRONT_COLOR, dashed: true }] : []),
          ]}
        />
      }
      table={{
        columns: ['run', 'forgetting (pts)', 'task gain (pts)', 'on the front'],
        rows: points.map((p) => [p.name, p.forgetting, p.taskGain, front.includes(p) ? 'yes' : 'no']),
      }}
    >
      <div className="tradeoff-plot" ref={wrap} style={{ height }}>
        <svg
          ref={svgRef}
          className="chart-surface"
          width={width}
          height={height}
          role="group"
          tabIndex={0}
          aria-labelledby={`${id}-svg-title`}
          aria-describedby={`${id}-svg-desc`}
          onKeyDown={(e) => {
            // + and − zoom, Escape fits again: the buttons' keys, on the chart itself.
            const act = { '+': () => zoomBy(ZOOM_STEP), '=': () => zoomBy(ZOOM_STEP), '-': () => zoomBy(1 / ZOOM_STEP), Escape: () => setZoom(null) }[e.key];
            if (!act || e.target !== e.currentTarget) return;
            e.preventDefault();
            e.stopPropagation();
            act();
          }}
          data-testid={`${id}-svg`}
          data-plot={`${plot.x},${plot.y},${plot.width},${plot.height}`}
          data-domain={`${domain.x.min},${domain.x.max},${domain.y.min},${domain.y.max}`}
        >
          <title id={`${id}-svg-title`}>task gain against forgetting, one point per run</title>
          <desc id={`${id}-svg-desc`}>+ and − zoom, Escape fits the axes again; Tab reaches labels that fold several runs; the data table below the chart lists every value.</desc>
          <defs>
            <clipPath id={clip}>
              <rect x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
            </clipPath>
          </defs>
          {/* Measures the labels' type as the page's styles set it (larger in presentation mode). */}
          <text ref={probe} className="point-label label-probe" x={-1000} y={-1000} visibility="hidden" aria-hidden="true" />
          <g className="recharts-cartesian-grid" aria-hidden="true">
            {xTicks.map((t) => (
              <line key={`x${t}`} x1={sx(t)} x2={sx(t)} y1={plot.y} y2={plot.y + plot.height} stroke="#ccc" strokeDasharray="3 3" />
            ))}
            {yTicks.map((t) => (
              <line key={`y${t}`} x1={plot.x} x2={plot.x + plot.width} y1={sy(t)} y2={sy(t)} stroke="#ccc" strokeDasharray="3 3" />
            ))}
          </g>
          <g className="tradeoff-axes" aria-hidden="true">
            <line x1={plot.x} x2={plot.x + plot.width} y1={plot.y + plot.height} y2={plot.y + plot.height} stroke="#666" />
            <line x1={plot.x} x2={plot.x} y1={plot.y} y2={plot.y + plot.height} stroke="#666" />
            {xTicks.map((t) => (
              <text key={`xt${t}`} className="recharts-cartesian-axis-tick-value" x={sx(t)} y={plot.y + plot.height + fontSize + 6} textAnchor="middle" fill="#555">
                {t}
              </text>
            ))}
            {yTicks.map((t) => (
              <text key={`yt${t}`} className="recharts-cartesian-axis-tick-value" x={plot.x - 6} y={sy(t)} dy="0.32em" textAnchor="end" fill="#555">
                {t}
              </text>
            ))}
            <text className="recharts-label" x={plot.x + plot.width} y={height - 4} textAnchor="end" fill="#444">
              forgetting (pts) →
            </text>
            <text className="recharts-label" transform={`translate(${titleSize}, ${plot.y + plot.height / 2}) rotate(-90)`} textAnchor="middle" fill="#444">
              task gain (pts) →
            </text>
          </g>
          <rect
            className="tradeoff-drag"
            x={plot.x}
            y={plot.y}
            width={plot.width}
            height={plot.height}
            fill="transparent"
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerUp}
            onPointerCancel={() => setDrag(null)}
          />
          <g clipPath={`url(#${clip})`} pointerEvents="none">
            {showFront && <path d={path(front)} fill="none" stroke={FRONT_COLOR} strokeDasharray="5 4" strokeWidth={1.5} className="tradeoff-front" />}
            {sweeps.map((s) => (
              <path key={s.id} d={path(s.curve)} fill="none" stroke={s.color} strokeWidth={2} opacity={s.runs.some((r) => lit(r.id)) ? 1 : 0.25} />
            ))}
          </g>
          <g clipPath={`url(#${clip})`}>
            {points.map((p) => {
              const c = byId.get(p.id)!;
              const on = lit(p.id);
              // Highlighted from a legend, or one of the runs of the label opened now.
              const big = (highlight !== null && on) || (open !== null && open.ids.length > 1 && open.ids.includes(p.id));
              const ring = colorRepeat(c.color) > 0;
              return (
                <circle
                  key={p.id}
                  className="run-point"
                  data-run={p.id}
                  cx={sx(p.forgetting)}
                  cy={sy(p.taskGain)}
                  r={big ? RADIUS + 2 : ring ? RADIUS - 1 : RADIUS}
                  // A colour the palette repeats (past 30 runs) draws as a ring, so two runs never look the same.
                  fill={ring ? '#fff' : c.color}
                  stroke={ring ? c.color : big ? '#222' : '#fff'}
                  strokeWidth={ring ? 2.5 : big ? 2 : 1}
                  opacity={on ? 1 : 0.25}
                  onMouseEnter={() => setOpen({ ids: [p.id], key: `point:${p.id}` })}
                  onMouseLeave={() => setOpen(null)}
                />
              );
            })}
          </g>
          {drag && <rect className="tradeoff-box" x={Math.min(drag.x0, drag.x1)} y={Math.min(drag.y0, drag.y1)} width={Math.abs(drag.x1 - drag.x0)} height={Math.abs(drag.y1 - drag.y0)} fill="rgba(0, 114, 178, 0.08)" stroke="#0072B2" strokeDasharray="4 3" pointerEvents="none" />}
          <g className="tradeoff-labels">
            {labels.map((l) => {
              const key = l.ids.join();
              const first = byId.get(l.ids[0]);
              const many = l.ids.length > 1;
              const faded = highlight !== null && !l.ids.some(lit);
              const color = many ? '#222' : (first?.color ?? '#222');
              const text = (
                <text className="point-label" x={l.box.x + 2} y={l.box.y + l.box.height / 2} dy="0.35em" fill={color} opacity={faded ? 0.3 : 1}>
                  {l.text}
                </text>
              );
              if (!many) return <g key={key} data-label-kind={l.kind} data-ids={key}>{text}</g>;
              const names = l.ids.map((i) => points.find((p) => p.id === i)?.name).join(', ');
              const shown = open?.key === key;
              return (
                <g
                  key={key}
                  className="tradeoff-fold"
                  data-label-kind={l.kind}
                  data-ids={key}
                  role="button"
                  tabIndex={0}
                  aria-expanded={shown}
                  aria-label={`${l.text}: ${names}`}
                  onMouseEnter={() => setOpen({ ids: l.ids, key })}
                  onMouseLeave={() => setOpen(null)}
                  onFocus={() => setOpen({ ids: l.ids, key })}
                  onBlur={() => setOpen(null)}
                  onKeyDown={(e) => {
                    e.stopPropagation();
                    if (e.key === 'Escape') setOpen(null);
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      setOpen(shown ? null : { ids: l.ids, key });
                    }
                  }}
                >
                  <rect x={l.box.x} y={l.box.y} width={l.box.width} height={l.box.height} rx={3} fill="#fff" stroke="#888" opacity={faded ? 0.3 : 1} />
                  {text}
                </g>
              );
            })}
          </g>
        </svg>
        {open && popupAt && popupPoints.length > 0 && <PointList points={popupPoints} colors={colors} at={popupAt} />}
      </div>
      <div className="tradeoff-zoom">
        <button type="button" className="small" onClick={() => zoomBy(ZOOM_STEP)} data-testid={`${id}-zoom-in`}>
          Zoom in
        </button>
        <button type="button" className="small" onClick={() => zoomBy(1 / ZOOM_STEP)} data-testid={`${id}-zoom-out`}>
          Zoom out
        </button>
        <button type="button" className="small" disabled={!zoom} onClick={() => setZoom(null)} data-testid={`${id}-zoom-reset`}>
          Reset zoom
        </button>
        <span className="muted">or drag a box on the plot, or Ctrl + wheel</span>
      </div>
    </ChartCard>
  );
});
