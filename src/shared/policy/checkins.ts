// Effective check-ins: the scheduled ones, except that a check-in falling
// inside deep work (a block, a focus session, a focus event or a meeting
// from the calendar) moves to the end of that stretch, check-ins moved to
// the same end become one, and check-ins while the person is away are
// skipped: the first one after an absence is the welcome back.
import type { FocusSession, Settings } from '../model'
import {
  awayAt,
  type CalendarInterval,
  calendarShieldAt,
  firstMeetingCheckIns,
  shieldIntervals,
} from './calendar'
import { sessionIntervals, stretchEnd, stretchStart } from './deepwork'
import { checkInTimesBetween, type Interval, localDateText, nextRawCheckIn } from './schedule'

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
/** Absences are merged where they touch, so skipping past them takes few steps; this bounds a broken list. */
const maxAwaySkips = 1_000

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
  calendar: readonly CalendarInterval[] = [],
): number | null {
  const shields = shieldsOf(sessions, calendar)
  let from = after
  for (let skip = 0; skip < maxAwaySkips; skip++) {
    const at = nextShieldedCheckIn(settings, zone, shields, calendar, from)
    if (at === null) return null
    const away = awayAt(calendar, at)
    if (away === null) return at
    // Skipped, and so is every check-in that would happen inside the absence.
    from = away.end - 1
  }
  return null
}

function shieldsOf(sessions: FocusSession[], calendar: readonly CalendarInterval[]): Interval[] {
  const fromSessions = sessionIntervals(sessions)
  return calendar.length === 0 ? fromSessions : [...fromSessions, ...shieldIntervals(calendar)]
}

/** The next check-in after `after`, moved past deep work and meetings. */
function nextShieldedCheckIn(
  settings: Settings,
  zone: string,
  shields: Interval[],
  calendar: readonly CalendarInterval[],
  after: number,
): number | null {
  const blocks = settings.deepWorkBlocks
  const end = stretchEnd(blocks, shields, zone, after)
  if (end === Number.POSITIVE_INFINITY) return null
  // Inside deep work, a check-in since the stretch began is still waiting for its end.
  const since = end > after ? stretchStart(blocks, shields, zone, after) - 1 : after
  const raw = nextScheduledCheckIn(settings, zone, calendar, since)
  if (raw === null) return null
  const effective = stretchEnd(blocks, shields, zone, raw)
  return effective === Number.POSITIVE_INFINITY ? null : effective
}

/** The next scheduled time after `since`: a weekly or one-off check-in, or one before the day's first meeting. */
function nextScheduledCheckIn(
  settings: Settings,
  zone: string,
  calendar: readonly CalendarInterval[],
  since: number,
): number | null {
  const raw = nextRawCheckIn(settings.checkIns, zone, since)
  const minutes = settings.calendar.checkInBeforeFirstMeetingMinutes
  if (minutes === null || calendar.length === 0) return raw
  const [beforeMeeting] = firstMeetingCheckIns(
    calendar,
    minutes,
    (at) => localDateText(at, zone),
    since,
    raw ?? Number.POSITIVE_INFINITY,
  )
  return beforeMeeting ?? raw
}

/** The scheduled times t with from < t <= to, the before-meeting ones among them. */
function scheduledBetween(
  settings: Settings,
  zone: string,
  calendar: readonly CalendarInterval[],
  from: number,
  to: number,
): number[] {
  const times = checkInTimesBetween(settings.checkIns, zone, from, to)
  const minutes = settings.calendar.checkInBeforeFirstMeetingMinutes
  if (minutes === null || calendar.length === 0) return times
  const extra = firstMeetingCheckIns(calendar, minutes, (at) => localDateText(at, zone), from, to)
  return [...new Set([...times, ...extra])].sort((a, b) => a - b)
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
  calendar: readonly CalendarInterval[] = [],
): DueCheckIn | null {
  let until = now
  for (let lookback = 0; lookback < maxLookbacks && until > lastCheckInAt; lookback++) {
    const from = Math.max(lastCheckInAt, until - catchUpLookbackMs)
    const due = countBetween(settings, zone, sessions, from, until, calendar)
    if (due) return due
    if (from === lastCheckInAt) return null
    // Two weeks without an effective check-in means deep work covered them
    // all; any earlier check-in came before the stretch that holds `until`.
    const shields = shieldsOf(sessions, calendar)
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
  calendar: readonly CalendarInterval[],
): DueCheckIn | null {
  let latest: number | null = null
  let missed = 0
  for (let at = nextCheckIn(settings, zone, sessions, from, calendar); at !== null && at <= until; ) {
    latest = at
    missed++
    const next = nextCheckIn(settings, zone, sessions, at, calendar)
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
  /** What they waited out: a deep-work block, a focus session, or a calendar event; null when on time. */
  movedBy: 'block' | 'session' | 'event' | null
  /** The calendar event it waited for, when movedBy is 'event'. */
  event?: { title: string; kind: 'meeting' | 'focus' }
  /** The first check-in after an absence in the calendar: its digest says welcome back. */
  isWelcomeBack?: true
}

const dayMs14 = 14 * dayMs

/**
 * Why the effective check-in `at` is at `at`. A moved check-in is the end
 * of a deep-work stretch: the scheduled times inside that stretch are what
 * moved to it, and what shielded its last moment is what they waited out.
 */
export function explainCheckIn(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  at: number,
  calendar: readonly CalendarInterval[] = [],
): CheckInReason {
  const moved = movedReason(settings, zone, sessions, at, calendar)
  return isWelcomeBack(settings, zone, sessions, at, calendar) ? { ...moved, isWelcomeBack: true } : moved
}

function movedReason(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  at: number,
  calendar: readonly CalendarInterval[],
): CheckInReason {
  const blocks = settings.deepWorkBlocks
  const sessionShields = sessionIntervals(sessions)
  const shields = shieldsOf(sessions, calendar)
  const before = at - 1
  if (stretchEnd(blocks, shields, zone, before) <= before) return { at, movedFrom: [], movedBy: null }
  const start = stretchStart(blocks, shields, zone, before)
  const movedFrom = scheduledBetween(settings, zone, calendar, start - 1, before)
  if (movedFrom.length === 0) return { at, movedFrom: [], movedBy: null }
  if (sessionShields.some((interval) => interval.start <= before && before < interval.end))
    return { at, movedFrom, movedBy: 'session' }
  const event = calendarShieldAt(calendar, before)
  if (event !== null && event.kind !== 'away')
    return { at, movedFrom, movedBy: 'event', event: { title: event.title, kind: event.kind } }
  return { at, movedFrom, movedBy: 'block' }
}

/** Whether `at` is the first effective check-in at or after the end of an absence in the last two weeks. */
function isWelcomeBack(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  at: number,
  calendar: readonly CalendarInterval[],
): boolean {
  for (const interval of calendar) {
    if (interval.kind !== 'away' || interval.end > at || interval.end <= at - dayMs14) continue
    const away = awayAt(calendar, interval.end - 1)
    if (away === null || away.end > at) continue
    if (nextCheckIn(settings, zone, sessions, away.end - 1, calendar) === at) return true
  }
  return false
}

/** The next effective check-in after `after` with its reason, or null (see nextCheckIn). */
export function nextCheckInWithReason(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  after: number,
  calendar: readonly CalendarInterval[] = [],
): CheckInReason | null {
  const at = nextCheckIn(settings, zone, sessions, after, calendar)
  return at === null ? null : explainCheckIn(settings, zone, sessions, at, calendar)
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
  calendar: readonly CalendarInterval[] = [],
): CheckInReason[] {
  const found: CheckInReason[] = []
  for (let at = nextCheckIn(settings, zone, sessions, from, calendar); at !== null && at < to; ) {
    found.push(explainCheckIn(settings, zone, sessions, at, calendar))
    const next = nextCheckIn(settings, zone, sessions, at, calendar)
    if (next !== null && next <= at) throw new Error(`The next check-in after ${at} did not move forward.`)
    at = next
  }
  return found
}
