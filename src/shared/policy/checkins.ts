// Effective check-ins: the scheduled ones, except that a check-in falling
// inside deep work (a block or a focus session) moves to the end of that
// stretch, and check-ins moved to the same end become one.
import type { FocusSession, Settings } from '../model'
import { sessionIntervals, stretchEnd, stretchStart } from './deepwork'
import { checkInTimesBetween, nextRawCheckIn } from './schedule'

export type DueCheckIn = {
  /** The latest effective check-in that fell due. */
  at: number
  /** How many effective check-ins fell due; the engine delivers one digest for any number. */
  missed: number
}

const dayMs = 24 * 60 * 60_000
/** A catch-up delivers one digest however long the gap, so a long gap is only counted this far back. */
const catchUpLookbackMs = 14 * dayMs
const maxLookbacks = 60

/**
 * The next effective check-in strictly after `after`. Null with no check-ins
 * scheduled, or while an until-stopped session defers them: the engine asks
 * again once the session has ended.
 */
export function nextCheckIn(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  after: number,
): number | null {
  const { checkIns, deepWorkBlocks: blocks } = settings
  const shields = sessionIntervals(sessions)
  const end = stretchEnd(blocks, shields, zone, after)
  if (end === Number.POSITIVE_INFINITY) return null
  // Inside deep work, a check-in since the stretch began is still waiting for its end.
  const since = end > after ? stretchStart(blocks, shields, zone, after) - 1 : after
  const raw = nextRawCheckIn(checkIns, zone, since)
  if (raw === null) return null
  const effective = stretchEnd(blocks, shields, zone, raw)
  return effective === Number.POSITIVE_INFINITY ? null : effective
}

/**
 * Whether an effective check-in fell in (lastCheckInAt, now]. A clock that
 * went backwards gives null. Spans longer than two weeks are only counted
 * over their last two weeks (one digest is delivered anyway), except that a
 * span with any check-in in it always reports at least one.
 */
export function dueCheckIn(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  lastCheckInAt: number,
  now: number,
): DueCheckIn | null {
  let until = now
  for (let lookback = 0; lookback < maxLookbacks && until > lastCheckInAt; lookback++) {
    const from = Math.max(lastCheckInAt, until - catchUpLookbackMs)
    const due = countBetween(settings, zone, sessions, from, until)
    if (due) return due
    if (from === lastCheckInAt) return null
    // Two weeks without an effective check-in means deep work covered them
    // all; any earlier check-in came before the stretch that holds `until`.
    const shields = sessionIntervals(sessions)
    if (stretchEnd(settings.deepWorkBlocks, shields, zone, until) <= until) return null
    until = stretchStart(settings.deepWorkBlocks, shields, zone, until) - 1
  }
  return null
}

function countBetween(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  from: number,
  until: number,
): DueCheckIn | null {
  let latest: number | null = null
  let missed = 0
  for (let at = nextCheckIn(settings, zone, sessions, from); at !== null && at <= until; ) {
    latest = at
    missed++
    const next = nextCheckIn(settings, zone, sessions, at)
    // nextCheckIn moves strictly forward; a schedule bug must fail loudly, not spin forever.
    if (next !== null && next <= at) throw new Error(`The next check-in after ${at} did not move forward.`)
    at = next
  }
  return latest === null ? null : { at: latest, missed }
}

/** An effective check-in and why it is when it is. */
export type CheckInReason = {
  at: number
  /** The scheduled times that waited for `at`, oldest first; empty when it is on time. */
  movedFrom: number[]
  /** What they waited out: a deep-work block or a focus session; null when on time. */
  movedBy: 'block' | 'session' | null
}

/**
 * Why the effective check-in `at` is at `at`. A moved check-in is the end
 * of a deep-work stretch: the scheduled times inside that stretch are what
 * moved to it, and what shielded its last moment is what they waited out.
 */
export function explainCheckIn(
  settings: Pick<Settings, 'checkIns' | 'deepWorkBlocks'>,
  zone: string,
  sessions: FocusSession[],
  at: number,
): CheckInReason {
  const blocks = settings.deepWorkBlocks
  const shields = sessionIntervals(sessions)
  const before = at - 1
  if (stretchEnd(blocks, shields, zone, before) <= before) return { at, movedFrom: [], movedBy: null }
  const start = stretchStart(blocks, shields, zone, before)
  const movedFrom = checkInTimesBetween(settings.checkIns, zone, start - 1, before)
  if (movedFrom.length === 0) return { at, movedFrom: [], movedBy: null }
  const shieldedBySession = shields.some((interval) => interval.start <= before && before < interval.end)
  return { at, movedFrom, movedBy: shieldedBySession ? 'session' : 'block' }
}

/** The next effective check-in after `after` with its reason, or null (see nextCheckIn). */
export function nextCheckInWithReason(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  after: number,
): CheckInReason | null {
  const at = nextCheckIn(settings, zone, sessions, after)
  return at === null ? null : explainCheckIn(settings, zone, sessions, at)
}

/**
 * The effective check-ins t with from < t < to, each with its reason: what
 * the Now view's card and timeline both draw, so they cannot disagree.
 */
export function checkInsBetween(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  from: number,
  to: number,
): CheckInReason[] {
  const found: CheckInReason[] = []
  for (let at = nextCheckIn(settings, zone, sessions, from); at !== null && at < to; ) {
    found.push(explainCheckIn(settings, zone, sessions, at))
    const next = nextCheckIn(settings, zone, sessions, at)
    if (next !== null && next <= at) throw new Error(`The next check-in after ${at} did not move forward.`)
    at = next
  }
  return found
}
