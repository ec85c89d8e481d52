// Deep work is the union of the scheduled blocks and the manual focus
// sessions. Intervals that overlap or touch form one stretch, and a stretch
// is what a check-in waits out.
import type { DeepWorkBlock, FocusSession } from '../model'
import { awayAt, type CalendarInterval, calendarShieldAt } from './calendar'
import { activeSession, sessionInterval } from './focus'
import { blockIntervalsBetween, type Interval } from './schedule'

export type DeepWork = {
  isDeep: boolean
  /** End of the whole stretch containing now; null while deep means until stopped. */
  until: number | null
  /** What shields now; a session wins over a block, since the user can end it. */
  source: 'block' | 'session' | 'event' | null
  /** The focus event that shields now, when source is 'event'. */
  eventTitle?: string
}

const dayMs = 24 * 60 * 60_000
/** Blocks repeat weekly, so blocks alone covering more than 8 days cover all time. */
const endlessBlocksMs = 8 * dayMs
const maxSteps = 10_000

/** The shield of the sessions, empty ones dropped. */
export function sessionIntervals(sessions: FocusSession[]): Interval[] {
  return sessions.map(sessionInterval).filter((interval) => interval.end > interval.start)
}

/** The merged block interval containing `at` (start <= at < end), if any. */
function blockContaining(blocks: DeepWorkBlock[], zone: string, at: number): Interval | undefined {
  return blockIntervalsBetween(blocks, zone, at, at + 1)[0]
}

/**
 * The end of the deep-work stretch containing `at`: `at` itself when it is
 * not deep work, Infinity when the stretch has no end (a session running
 * until stopped, or blocks covering the whole week).
 */
export function stretchEnd(blocks: DeepWorkBlock[], sessions: Interval[], zone: string, at: number): number {
  let end = at
  let blocksOnlySince = at
  for (let step = 0; step < maxSteps; step++) {
    let extended = end
    for (const session of sessions) {
      if (session.start <= end && session.end > extended) extended = session.end
    }
    if (extended > end) {
      if (extended === Number.POSITIVE_INFINITY) return extended
      end = extended
      blocksOnlySince = end
      continue
    }
    const block = blockContaining(blocks, zone, end)
    if (!block) return end
    end = block.end
    if (end - blocksOnlySince > endlessBlocksMs) return Number.POSITIVE_INFINITY
  }
  return Number.POSITIVE_INFINITY
}

/** The start of the deep-work stretch containing `at`, which must be deep work. */
export function stretchStart(
  blocks: DeepWorkBlock[],
  sessions: Interval[],
  zone: string,
  at: number,
): number {
  let start = at
  for (let step = 0; step < maxSteps; step++) {
    let reached = start
    for (const session of sessions) {
      if (session.start < reached && session.end >= start) reached = session.start
    }
    // Blocks that contain `start` or end exactly at it belong to the same stretch.
    const block = blockIntervalsBetween(blocks, zone, start - 1, start + 1)[0]
    if (block && block.start < reached) reached = block.start
    if (reached === start) return start
    start = reached
  }
  return start
}

/**
 * Whether `now` is deep work, until when, and what shields it. Focus events
 * from the calendar shield like blocks; meetings do not make deep work (a
 * check-in waits for them, but the person is not heads down).
 */
export function deepWorkAt(
  blocks: DeepWorkBlock[],
  sessions: FocusSession[],
  zone: string,
  now: number,
  calendar: readonly CalendarInterval[] = [],
): DeepWork {
  const focusEvents = calendar.filter((interval) => interval.kind === 'focus')
  const end = stretchEnd(blocks, [...sessionIntervals(sessions), ...focusEvents], zone, now)
  if (end <= now) return { isDeep: false, until: null, source: null }
  const until = end === Number.POSITIVE_INFINITY ? null : end
  if (activeSession(sessions, now)) return { isDeep: true, until, source: 'session' }
  const event = calendarShieldAt(focusEvents, now)
  if (event && !blockIntervalsBetween(blocks, zone, now, now + 1)[0])
    return { isDeep: true, until, source: 'event', eventTitle: event.title }
  return { isDeep: true, until, source: 'block' }
}

/** Whether the calendar says the person is away at `now` (only "even on leave" rules break through). */
export function isAwayAt(calendar: readonly CalendarInterval[], now: number): boolean {
  return awayAt(calendar, now) !== null
}

/** The next instant after `now` at which a calendar interval starts or ends, for the engine's timer. */
export function nextCalendarEdge(calendar: readonly CalendarInterval[], now: number): number | null {
  let next = Number.POSITIVE_INFINITY
  for (const interval of calendar) {
    if (interval.start > now) next = Math.min(next, interval.start)
    if (interval.end > now) next = Math.min(next, interval.end)
  }
  return next === Number.POSITIVE_INFINITY ? null : next
}

/** The next instant after `now` at which a block starts or ends, for the engine's timer. */
export function nextBlockEdge(blocks: DeepWorkBlock[], zone: string, now: number): number | null {
  let next = Number.POSITIVE_INFINITY
  for (const interval of blockIntervalsBetween(blocks, zone, now, now + endlessBlocksMs)) {
    if (interval.start > now) next = Math.min(next, interval.start)
    if (interval.end > now) next = Math.min(next, interval.end)
  }
  return next === Number.POSITIVE_INFINITY ? null : next
}
