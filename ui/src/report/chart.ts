/**
 * Geometry for the report chart (Frappe's chart payload), as plain numbers the SVG component draws:
 * axis charts (bar, line, axis-mixed: several datasets side by side, a scale with round ticks) and
 * part-of-whole charts (pie, donut, percentage). No chart library: the shapes are simple enough.
 */
import type { ChartPayload } from './types';

/** Frappe Charts' default palette, in its order. */
export const PALETTE = ['#5e64ff', '#ff5858', '#28a745', '#ffa00a', '#743ee2', '#7cd6fd', '#b554ff', '#98d85b', '#ffa3ef', '#bdd3e6'];

export const colorAt = (chart: ChartPayload, i: number) => chart.colors?.[i] ?? PALETTE[i % PALETTE.length]!;

export interface Scale {
  min: number;
  max: number;
  ticks: number[];
}

/** Round ticks (1, 2, 2.5, 5 x 10^n) covering the values and zero. */
export function niceScale(values: readonly number[], count = 4): Scale {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (lo === hi) hi = lo + 1;
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const rounded = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  // Counts never get a 0.25 tick: whole values keep whole steps.
  const step = finite.every(Number.isInteger) ? Math.max(1, Math.ceil(rounded)) : rounded;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's digits so 0.1 + 0.2 shows as 0.3.
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toFixed(digits)));
  return { min: lo, max: hi, ticks };
}

export interface Box {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const AXIS_BOX: Box = { width: 640, height: 240, left: 56, right: 16, top: 12, bottom: 44 };

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  title: string;
}
export interface Line {
  points: { x: number; y: number; title: string }[];
  color: string;
}
export interface AxisGeometry {
  bars: Bar[];
  lines: Line[];
  yTicks: { y: number; value: number }[];
  xLabels: { x: number; text: string }[];
  zeroY: number;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text);

export function axisGeometry(chart: ChartPayload, box: Box = AXIS_BOX): AxisGeometry {
  const labels = chart.data.labels.map(String);
  const datasets = chart.data.datasets;
  const asLine = (i: number) => chart.type === 'line' || (chart.type === 'axis-mixed' && datasets[i]!.chartType === 'line');
  const scale = niceScale(datasets.flatMap((d) => d.values.map(Number)));
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const y = (v: number) => box.top + plotH - ((v - scale.min) / (scale.max - scale.min)) * plotH;
  const n = Math.max(1, labels.length);
  const group = plotW / n;
  const barSets = datasets.map((_, i) => i).filter((i) => !asLine(i));
  const barW = Math.min(48, (group * 0.7) / Math.max(1, barSets.length));
  const center = (j: number) => box.left + group * (j + 0.5);
  const bars: Bar[] = [];
  const lines: Line[] = [];
  datasets.forEach((dataset, i) => {
    const color = colorAt(chart, i);
    const name = dataset.name ? `${dataset.name}: ` : '';
    if (asLine(i)) {
      lines.push({ color, points: labels.map((label, j) => ({ x: center(j), y: y(Number(dataset.values[j] ?? 0)), title: `${label}, ${name}${dataset.values[j] ?? 0}` })) });
      return;
    }
    const k = barSets.indexOf(i);
    labels.forEach((label, j) => {
      const v = Number(dataset.values[j] ?? 0);
      const top = Math.min(y(v), y(0));
      bars.push({ x: center(j) - (barW * barSets.length) / 2 + k * barW, y: top, width: Math.max(1, barW - 2), height: Math.abs(y(v) - y(0)), color, title: `${label}, ${name}${v}` });
    });
  });
  // Labels thinned out so they never overlap: about one per 48 px.
  const every = Math.max(1, Math.ceil(48 / group));
  const maxChars = Math.max(3, Math.floor((group * every) / 7));
  return {
    bars,
    lines,
    yTicks: scale.ticks.map((value) => ({ y: y(value), value })),
    xLabels: labels.map((text, j) => ({ x: center(j), text: shorten(text, maxChars) })).filter((_, j) => j % every === 0),
    zeroY: y(0),
  };
}

export interface Part {
  label: string;
  value: number;
  share: number;
  color: string;
}

/** The first dataset's values as shares of their total (negatives count as zero). */
export function parts(chart: ChartPayload): Part[] {
  const values = (chart.data.datasets[0]?.values ?? []).map((v) => Math.max(0, Number(v) || 0));
  const total = values.reduce((a, b) => a + b, 0);
  return chart.data.labels.map((label, i) => ({ label: String(label), value: values[i] ?? 0, share: total ? (values[i] ?? 0) / total : 0, color: colorAt(chart, i) }));
}

/** An SVG path for a slice from `start` to `end` (fractions of the turn), a ring when `inner` > 0. */
export function slicePath(start: number, end: number, radius: number, inner: number, cx: number, cy: number): string {
  // A full turn cannot be one arc: split it in two halves.
  if (end - start >= 0.9999) return `${slicePath(start, start + 0.5, radius, inner, cx, cy)} ${slicePath(start + 0.5, end, radius, inner, cx, cy)}`;
  const at = (f: number, r: number) => {
    const a = 2 * Math.PI * f - Math.PI / 2;
    return `${(cx + r * Math.cos(a)).toFixed(2)} ${(cy + r * Math.sin(a)).toFixed(2)}`;
  };
  const large = end - start > 0.5 ? 1 : 0;
  if (inner <= 0) return `M ${cx} ${cy} L ${at(start, radius)} A ${radius} ${radius} 0 ${large} 1 ${at(end, radius)} Z`;
  return `M ${at(start, radius)} A ${radius} ${radius} 0 ${large} 1 ${at(end, radius)} L ${at(end, inner)} A ${inner} ${inner} 0 ${large} 0 ${at(start, inner)} Z`;
}
