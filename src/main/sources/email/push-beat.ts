// Whether a mail server pushes new mail only on a fixed beat. Stock Cyrus
// tells an IDLE client of new mail every 60 s, not when it comes; the watch
// then looks live while mail waits up to a minute. Pushes that all fall on
// multiples of one period of 30 s or more give that away. Pure.

export type PushBeatRules = {
  /** Shorter beats are live enough not to mention. */
  minPeriodMs: number
  /** How far a push may fall from the beat and still count as on it. */
  toleranceMs: number
  /** Fewer pushes are not evidence of anything. */
  minPushes: number
  /** Only the latest pushes count, so a server that changed is judged as it is now. */
  window: number
}

export const pushBeatRules: PushBeatRules = {
  minPeriodMs: 30_000,
  toleranceMs: 2_000,
  minPushes: 3,
  window: 10,
}

/** Whether every interval is within the tolerance of a whole number of `period`s; the period fitted to them if so. */
function periodFitting(intervals: number[], period: number, rules: PushBeatRules): number | null {
  const beats = intervals.map((interval) => Math.round(interval / period))
  if (beats.some((count) => count < 1)) return null
  // One period for all of them, so a long interval's jitter is not multiplied.
  const fitted = intervals.reduce((sum, interval) => sum + interval, 0) / beats.reduce((sum, n) => sum + n, 0)
  if (fitted < rules.minPeriodMs) return null
  const isOnBeat = intervals.every(
    (interval, n) => Math.abs(interval - (beats[n] ?? 0) * fitted) <= rules.toleranceMs,
  )
  return isOnBeat ? fitted : null
}

/**
 * The period (ms) the pushes at these times (ms, ascending) keep to, or
 * null when they keep to none of 30 s or more. The shortest interval is a
 * whole number of periods, so only its fractions are tried, longest first.
 */
export function pushBeat(times: number[], rules: PushBeatRules = pushBeatRules): number | null {
  const recent = times.slice(-rules.window)
  if (recent.length < rules.minPushes) return null
  const intervals = recent.slice(1).map((time, n) => time - (recent[n] ?? time))
  const shortest = Math.min(...intervals)
  if (shortest < rules.minPeriodMs - rules.toleranceMs) return null
  const most = Math.floor((shortest + rules.toleranceMs) / rules.minPeriodMs)
  for (let parts = 1; parts <= most; parts++) {
    const period = periodFitting(intervals, shortest / parts, rules)
    if (period !== null) return period
  }
  return null
}

/** What the watch says of such a server. */
export function slowPushNote(periodMs: number): string {
  return `the mail server is slow to push new mail (about every ${Math.round(periodMs / 1000)} s)`
}
