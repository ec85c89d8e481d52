// What the tray says: its icon and a one-line tooltip. The renderer computes
// it from the engine's state; main only draws it.
import { Temporal } from 'temporal-polyfill'
import type { TrayState } from '../model'
import { truncate } from './notice-text'

export type TrayInput = {
  isFocused: boolean
  /** When focus ends, epoch ms; null while it runs until stopped. */
  focusUntil: number | null
  waitingCount: number
  /** The next check-in, epoch ms; null with none scheduled. */
  nextCheckIn: number | null
  isCheckInDue: boolean
  isSyncPaused: boolean
  /** IANA zone the times are shown in. */
  zone: string
  /** When given, a time on another day reads 'Mon 09:30' rather than a bare '09:30'. */
  now?: number
}

const tooltipLimit = 256

export function describeTray(input: TrayInput): TrayState {
  const zone = usableZone(input.zone)
  const clock = (at: number) => trayClock(at, zone, input.now)
  const nextCheckIn = input.nextCheckIn === null ? null : clock(input.nextCheckIn)

  const parts: string[] = []
  if (input.isFocused) {
    parts.push(input.focusUntil === null ? 'Focus until stopped' : `Focus until ${clock(input.focusUntil)}`)
  }
  parts.push(input.waitingCount === 0 ? 'Nothing waiting' : `${input.waitingCount} waiting`)
  parts.push(checkInPart(input, nextCheckIn))
  if (input.isSyncPaused) parts.push('Syncing paused')

  return {
    icon: input.isFocused ? 'focus' : input.isCheckInDue ? 'check-in-due' : 'open',
    tooltip: truncate(parts.join(' · '), tooltipLimit),
    waitingCount: Math.max(0, Math.trunc(input.waitingCount)),
    nextCheckIn,
    isFocused: input.isFocused,
    isSyncPaused: input.isSyncPaused,
  }
}

/** A due check-in waits for focus to end, and the tooltip says so. */
function checkInPart(input: TrayInput, nextCheckIn: string | null): string {
  if (input.isCheckInDue) return input.isFocused ? 'check-in when focus ends' : 'Check-in due'
  return nextCheckIn === null ? 'No check-ins scheduled' : `check-in ${nextCheckIn}`
}

/** The tray must always draw, so a zone Temporal refuses falls back to UTC rather than throwing. */
function usableZone(zone: string): string {
  try {
    return Temporal.ZonedDateTime.from({ timeZone: zone, year: 2000, month: 1, day: 1 }).timeZoneId
  } catch {
    return 'UTC'
  }
}

function trayClock(at: number, zone: string, now: number | undefined): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  const clock = `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
  if (now === undefined) return clock
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()
  if (time.toPlainDate().equals(today)) return clock
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][time.dayOfWeek - 1]
  return `${weekday} ${clock}`
}
