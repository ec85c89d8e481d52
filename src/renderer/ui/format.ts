// Times as a person reads them, in the user's zone.
import { Temporal } from 'temporal-polyfill'

export function formatClock(at: number, zone: string): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
}

export function formatWhen(at: number, zone: string, now: number): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()
  const clock = formatClock(at, zone)
  if (time.toPlainDate().equals(today)) return clock
  return `${time.toPlainDate().toLocaleString('en', { weekday: 'short', month: 'short', day: 'numeric' })} ${clock}`
}
