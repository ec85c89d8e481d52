// The words for when the next check-in is and why: the Now view's card and
// its timeline both say them, from the same reason (checkins.ts), so the
// two can never name different times.
import { Temporal } from 'temporal-polyfill'
import type { CheckInReason } from './checkins'

const weekdayNames = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/** '09:30' today, 'Tue 09:30' on another day (with `now`), in `zone`. */
export function clockText(at: number, zone: string, now?: number): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
  if (now === undefined) return clock
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()
  if (time.toPlainDate().equals(today)) return clock
  return `${weekdayNames[time.dayOfWeek - 1]} ${clock}`
}

/** 'a', 'a and b', 'a, b and c'. */
function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

/** "moved from 10:00 to the end of your deep work", or null when the check-in is on time. */
export function movedText(reason: CheckInReason, zone: string, now?: number): string | null {
  if (reason.movedBy === null || reason.movedFrom.length === 0) return null
  const from = listWords(reason.movedFrom.map((at) => clockText(at, zone, now)))
  if (reason.movedBy === 'event' && reason.event) return `moved from ${from} to after ${reason.event.title}`
  const what = reason.movedBy === 'session' ? 'your focus session' : 'your deep work'
  return `moved from ${from} to the end of ${what}`
}

export type NextCheckInText = {
  /** "11:30", "Tue 09:30", or null with no check-in to name. */
  when: string | null
  /** The whole line: "Next check-in 11:30 — moved from 10:00 to the end of your deep work". */
  line: string
  /** The reason alone, or null when there is nothing to explain. */
  why: string | null
  /** The title line: "Next check-in 14:30", or "Next check-in 14:30, after Design review" when a meeting moved it. */
  heading: string
}

/**
 * The next check-in in words. `reason` is null when none is coming: with
 * no check-ins at all, or while a session runs until it is stopped.
 */
export function describeNextCheckIn(input: {
  reason: CheckInReason | null
  hasCheckIns: boolean
  zone: string
  now: number
}): NextCheckInText {
  if (input.reason === null) {
    return input.hasCheckIns
      ? {
          when: null,
          line: 'Next check-in when focus ends.',
          why: null,
          heading: 'Next check-in when focus ends.',
        }
      : {
          when: null,
          line: 'No check-ins scheduled: check in when you are ready.',
          why: null,
          heading: 'No check-ins scheduled: check in when you are ready.',
        }
  }
  const when = clockText(input.reason.at, input.zone, input.now)
  const { event, isWelcomeBack } = input.reason
  if (input.reason.movedBy === 'event' && event && input.reason.movedFrom.length > 0) {
    const why = movedText(input.reason, input.zone, input.now)
    const heading = `Next check-in ${when}, after ${event.title}`
    return { when, line: heading, why, heading }
  }
  const why = movedText(input.reason, input.zone, input.now) ?? (isWelcomeBack ? 'welcome back' : null)
  const line = why === null ? `Next check-in ${when}` : `Next check-in ${when} — ${why}`
  return { when, line, why, heading: `Next check-in ${when}` }
}
