// When Lull was running to hold messages back: a short list of spans the
// engine extends at each wake. Focus hours count deep work only inside
// these spans, so a block scheduled before Lull was installed, or while it
// was closed or the computer slept, is never counted as focus done.
import type { Interval } from './schedule'

/** Wakes further apart than this mean Lull was not running in between (closed, or the computer slept). */
export const runningGapMs = 3 * 60_000
/** A span is written again only once it grows by this much: one small write a minute at most. */
export const runningStepMs = 60_000
/** Spans older than this are forgotten; Stats shows a week. */
export const runningKeepMs = 35 * 24 * 60 * 60_000
const maxSpans = 2_000

/**
 * The spans with `now` added: the last one grows when the previous wake was
 * recent, else a new one starts. Answers null when nothing worth writing
 * changed, so an idle engine does not write at every wake.
 */
export function extendRunning(spans: readonly Interval[], now: number): Interval[] | null {
  const last = spans[spans.length - 1]
  if (last && now >= last.end && now - last.end <= runningGapMs) {
    if (now - last.end < runningStepMs) return null
    return [...spans.slice(0, -1), { start: last.start, end: now }]
  }
  // A clock set back lands inside or before a span: that span is already counted.
  if (last && now < last.end) return null
  const kept = spans.filter((span) => span.end >= now - runningKeepMs)
  return [...kept, { start: now, end: now }].slice(-maxSpans)
}

/** The parts of `intervals` inside `spans`; both sorted and merged, so one pass over each. */
export function intersectIntervals(intervals: readonly Interval[], spans: readonly Interval[]): Interval[] {
  const out: Interval[] = []
  let j = 0
  for (const interval of intervals) {
    while (j < spans.length && spans[j]!.end <= interval.start) j++
    for (let k = j; k < spans.length && spans[k]!.start < interval.end; k++) {
      const start = Math.max(interval.start, spans[k]!.start)
      const end = Math.min(interval.end, spans[k]!.end)
      if (end > start) out.push({ start, end })
    }
  }
  return out
}
