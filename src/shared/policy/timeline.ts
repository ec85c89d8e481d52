// Today as a picture: the local day (midnight to midnight in the person's
// zone, 23 or 25 hours on a DST day) with its deep-work blocks, focus
// sessions, check-ins, breakthroughs and "now", as fractions of the day
// for the Now view to draw. Check-ins are the effective ones (a scheduled
// time inside deep work moves to its end), the same the Now card names;
// the scheduled times that moved are marks of their own. Pure: the view
// only scales the fractions.
import { Temporal } from 'temporal-polyfill'
import type { FocusSession, Settings } from '../model'
import type { CalendarInterval } from './calendar'
import { type CheckInReason, checkInsBetween } from './checkins'
import { sessionIntervals } from './deepwork'
import { blockIntervalsBetween } from './schedule'

export type TimelineSpan = { from: number; to: number; start: number; end: number }
export type TimelineMark = { at: number; x: number }
export type TimelineCheckIn = TimelineMark & { reason: CheckInReason }
export type TimelineEvent = TimelineSpan & { title: string; kind: CalendarInterval['kind'] }

export type Timeline = {
  dayStart: number
  dayEnd: number
  blocks: TimelineSpan[]
  sessions: TimelineSpan[]
  /** Meetings, focus events and absences from the counted calendars. */
  events: TimelineEvent[]
  /** The effective check-ins, each with why it is when it is. */
  checkIns: TimelineCheckIn[]
  /** Scheduled check-in times that moved to the end of deep work. */
  movedCheckIns: TimelineMark[]
  breakthroughs: TimelineMark[]
  now: TimelineMark
  /** Each local hour's start that falls in the day, for the axis. */
  hours: Array<TimelineMark & { hour: number }>
}

/** The local day containing `now`: its first instant and the first instant of the next day. */
export function localDay(now: number, zone: string): { start: number; end: number } {
  const date = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()
  const start = date.toZonedDateTime({ timeZone: zone }).epochMilliseconds
  const end = date.add({ days: 1 }).toZonedDateTime({ timeZone: zone }).epochMilliseconds
  return { start, end }
}

export function todayTimeline(input: {
  settings: Settings
  sessions: FocusSession[]
  breakthroughAts: number[]
  zone: string
  now: number
  calendar?: readonly CalendarInterval[]
}): Timeline {
  const calendar = input.calendar ?? []
  const { start, end } = localDay(input.now, input.zone)
  const length = end - start
  const fraction = (at: number) => Math.min(1, Math.max(0, (at - start) / length))
  const span = (interval: { start: number; end: number }): TimelineSpan => ({
    from: Math.max(start, interval.start),
    to: Math.min(end, interval.end),
    start: fraction(interval.start),
    end: fraction(interval.end),
  })
  const overlapsDay = (interval: { start: number; end: number }) =>
    interval.start < end && interval.end > start
  const sessions = sessionIntervals(input.sessions)
    .map((interval) => ({
      start: interval.start,
      end: Math.min(interval.end, Math.max(input.now, interval.start)),
    }))
    .filter((interval) => interval.end > interval.start && overlapsDay(interval))
  const hours: Timeline['hours'] = []
  for (let at = start; at < end; at += 60 * 60_000) {
    const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(input.zone)
    hours.push({ at, x: fraction(at), hour: local.hour })
  }
  const checkIns = checkInsBetween(input.settings, input.zone, input.sessions, start - 1, end, calendar)
  return {
    dayStart: start,
    dayEnd: end,
    blocks: blockIntervalsBetween(input.settings.deepWorkBlocks, input.zone, start, end).map(span),
    sessions: sessions.map(span),
    events: calendar
      .filter(overlapsDay)
      .map((interval) => ({ ...span(interval), title: interval.title, kind: interval.kind })),
    checkIns: checkIns.map((reason) => ({ at: reason.at, x: fraction(reason.at), reason })),
    movedCheckIns: checkIns
      .flatMap((reason) => reason.movedFrom)
      .filter((at) => at >= start && at < end)
      .map((at) => ({ at, x: fraction(at) })),
    breakthroughs: input.breakthroughAts
      .filter((at) => at >= start && at < end)
      .map((at) => ({ at, x: fraction(at) })),
    now: { at: input.now, x: fraction(input.now) },
    hours,
  }
}
