// The snooze menu's choices and when each brings the item back. A snoozed
// item comes back at the first check-in at or after its time (nothing
// interrupts between check-ins), so every choice is labelled with that
// check-in, worked out by the same policy the engine uses.
import { Temporal } from 'temporal-polyfill'
import type { FocusSession, Settings } from '../../../shared/model'
import { nextCheckIn } from '../../../shared/policy'

export type SnoozeChoiceId = 'later-today' | 'tomorrow-morning' | 'next-check-in'

export type SnoozeChoice = {
  id: SnoozeChoiceId
  label: string
  /** The time the item is snoozed to. */
  until: number
  /** The check-in that brings it back; null when none is scheduled (it comes back when the person checks in). */
  returnsAt: number | null
  /** "Later today" is offered only when a check-in later today brings the item back. */
  isAvailable: boolean
}

const hourMs = 60 * 60_000
/** "Later today" is at least this far away. */
export const laterTodayMs = 3 * hourMs
/** "Tomorrow morning" starts here, local time. */
const morning = Temporal.PlainTime.from('08:00')

/** The check-in that brings back an item snoozed to `until`: the first at or after it. */
export function returnsAt(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  until: number,
): number | null {
  return nextCheckIn(settings, zone, sessions, until - 1)
}

function localDate(at: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone).toPlainDate()
}

export function snoozeChoices(
  settings: Settings,
  zone: string,
  sessions: FocusSession[],
  now: number,
): SnoozeChoice[] {
  const today = localDate(now, zone)
  const laterUntil = now + laterTodayMs
  const laterAt = returnsAt(settings, zone, sessions, laterUntil)
  const tomorrowUntil = today
    .add({ days: 1 })
    .toZonedDateTime({ timeZone: zone, plainTime: morning }).epochMilliseconds
  return [
    {
      id: 'later-today',
      label: 'Later today',
      until: laterUntil,
      returnsAt: laterAt,
      isAvailable: laterAt !== null && localDate(laterAt, zone).equals(today),
    },
    {
      id: 'tomorrow-morning',
      label: 'Tomorrow morning',
      until: tomorrowUntil,
      returnsAt: returnsAt(settings, zone, sessions, tomorrowUntil),
      isAvailable: true,
    },
    {
      id: 'next-check-in',
      label: 'Next check-in',
      until: now,
      returnsAt: returnsAt(settings, zone, sessions, now + 1),
      isAvailable: true,
    },
  ]
}

/** A wall time typed as "YYYY-MM-DDTHH:MM" (a datetime-local field), in the person's zone. */
export function instantOf(wallTime: string, zone: string): number | null {
  try {
    return Temporal.PlainDateTime.from(wallTime).toZonedDateTime(zone).epochMilliseconds
  } catch {
    return null
  }
}

/** An instant as a datetime-local field shows it, in the person's zone. */
export function wallTimeOf(at: number, zone: string): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  return time.toPlainDateTime().toString({ smallestUnit: 'minute' })
}
