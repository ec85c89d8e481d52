// What the calendar means for the attention policy: occurrences become
// intervals of three kinds, each behind a switch of the person's.
//   meeting  busy time: a check-in that falls in it waits for its end
//   focus    an event titled with the person's focus words: shields like a deep-work block
//   away     out of office: everything but "even on leave" rules is held, and
//            check-ins inside it are skipped; the first after it is a welcome back
// All-day events other than absences never hold a check-in: a check-in that
// waited for midnight would help nobody.
import type { CalendarOccurrence } from '../calendar/occurrence'
import type { CalendarSettings } from '../model'
import type { Interval } from './schedule'

export type CalendarIntervalKind = 'meeting' | 'focus' | 'away'
export type CalendarInterval = Interval & { kind: CalendarIntervalKind; title: string }

const hourMs = 60 * 60_000
/** A timed event counts as an absence by its title only when it is this long: "OOO: dentist" for an hour is a meeting. */
const shortestTitledAbsenceMs = 4 * hourMs

/** The intervals the policy uses, sorted by start; occurrences of calendars that do not count are left to the caller. */
export function calendarIntervals(
  occurrences: readonly CalendarOccurrence[],
  settings: CalendarSettings,
): CalendarInterval[] {
  const intervals: CalendarInterval[] = []
  for (const occurrence of occurrences) {
    const kind = kindOf(occurrence, settings)
    if (kind && occurrence.end > occurrence.start)
      intervals.push({ start: occurrence.start, end: occurrence.end, kind, title: occurrence.title })
  }
  return intervals.sort((a, b) => a.start - b.start || a.end - b.end)
}

function kindOf(occurrence: CalendarOccurrence, settings: CalendarSettings): CalendarIntervalKind | null {
  const isAway =
    occurrence.showAs === 'away' ||
    (matchesWords(occurrence, settings.awayWords) &&
      (occurrence.isAllDay || occurrence.end - occurrence.start >= shortestTitledAbsenceMs))
  if (isAway) return settings.holdWhileAway ? 'away' : null
  if (occurrence.isAllDay) return null
  if (settings.focusFromEvents && matchesWords(occurrence, settings.focusWords)) return 'focus'
  if (occurrence.showAs !== 'busy') return null
  return settings.waitForMeetings ? 'meeting' : null
}

/** Whether the title or a category holds one of the words, ignoring case. */
function matchesWords(occurrence: CalendarOccurrence, words: readonly string[]): boolean {
  const haystacks = [occurrence.title, ...occurrence.categories].map((text) => text.toLocaleLowerCase())
  return words.some((word) => {
    const needle = word.trim().toLocaleLowerCase()
    return needle.length > 0 && haystacks.some((haystack) => haystack.includes(needle))
  })
}

/** The intervals a check-in waits out, as deep work does: meetings and focus events. */
export function shieldIntervals(calendar: readonly CalendarInterval[]): CalendarInterval[] {
  return calendar.filter((interval) => interval.kind !== 'away')
}

/** The absence containing `at` (start <= at < end), absences that touch or overlap read as one. */
export function awayAt(calendar: readonly CalendarInterval[], at: number): Interval | null {
  let found: Interval | null = null
  for (const interval of calendar) {
    if (interval.kind !== 'away') continue
    if (found === null) {
      if (interval.start <= at && at < interval.end) found = { start: interval.start, end: interval.end }
    } else if (interval.start <= found.end && interval.end > found.end) {
      found = { start: found.start, end: interval.end }
    }
  }
  return found
}

/** The calendar interval that shields `at`, preferring the one that ends last (what a check-in waits for). */
export function calendarShieldAt(calendar: readonly CalendarInterval[], at: number): CalendarInterval | null {
  let found: CalendarInterval | null = null
  for (const interval of calendar) {
    if (interval.kind === 'away' || interval.start > at || interval.end <= at) continue
    if (!found || interval.end > found.end) found = interval
  }
  return found
}

/**
 * "Before my first meeting": for each day with a meeting, the instant
 * `minutes` before the day's first meeting starts, in (from, to]. A day's
 * first meeting is the earliest meeting starting on that local date.
 */
export function firstMeetingCheckIns(
  calendar: readonly CalendarInterval[],
  minutes: number,
  localDate: (at: number) => string,
  from: number,
  to: number,
): number[] {
  const firstOfDay = new Map<string, number>()
  for (const interval of calendar) {
    if (interval.kind !== 'meeting') continue
    const date = localDate(interval.start)
    const known = firstOfDay.get(date)
    if (known === undefined || interval.start < known) firstOfDay.set(date, interval.start)
  }
  return [...firstOfDay.values()]
    .map((start) => start - minutes * 60_000)
    .filter((at) => at > from && at <= to)
    .sort((a, b) => a - b)
}

/**
 * The settings that decide urgency at `now`: while the calendar says the
 * person is away, only the urgent rules marked "even on leave" stay; what
 * the others would have let through waits for the welcome back.
 */
export function settingsAt<T extends { urgentRules: readonly { evenOnLeave?: boolean | undefined }[] }>(
  settings: T,
  calendar: readonly CalendarInterval[],
  now: number,
): T {
  if (awayAt(calendar, now) === null) return settings
  return { ...settings, urgentRules: settings.urgentRules.filter((rule) => rule.evenOnLeave === true) }
}
