// An iCalendar time to an instant. UTC times are exact; a TZID that names
// an IANA zone is read with Temporal (its rules are newer than any
// VTIMEZONE block); any other TZID uses the file's own VTIMEZONE through
// ical.js; floating times and all-day dates are read in the person's zone,
// as a paper calendar would be.
import type ICAL from 'ical.js'
import { Temporal } from 'temporal-polyfill'

const ianaZones = new Map<string, boolean>()

/** Whether `zone` is an IANA zone Temporal knows; remembered, since the check is slow. */
export function isIanaZone(zone: string): boolean {
  const known = ianaZones.get(zone)
  if (known !== undefined) return known
  let isKnown = false
  try {
    Temporal.Now.instant().toZonedDateTimeISO(zone)
    isKnown = true
  } catch {
    isKnown = false
  }
  ianaZones.set(zone, isKnown)
  return isKnown
}

/** How a time's TZID was read; 'unknown' means it fell back to the person's zone. */
export type ZoneReading = 'utc' | 'iana' | 'vtimezone' | 'floating' | 'unknown'

export function readingOf(time: ICAL.Time, tzid: string | null): ZoneReading {
  if (time.isDate) return 'floating'
  if (time.zone?.tzid === 'UTC') return 'utc'
  if (tzid === null) return 'floating'
  if (isIanaZone(tzid)) return 'iana'
  if (time.zone?.component) return 'vtimezone'
  return 'unknown'
}

/** The instant of `time`, whose property carried `tzid` (or none), for a person in `zone`. */
export function instantOf(time: ICAL.Time, reading: ZoneReading, tzid: string | null, zone: string): number {
  if (reading === 'utc')
    return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second)
  if (reading === 'vtimezone') return time.toUnixTime() * 1000
  const wallZone = reading === 'iana' && tzid !== null ? tzid : zone
  return wallInstant(time, wallZone)
}

function wallInstant(time: ICAL.Time, zone: string): number {
  const wall = Temporal.PlainDateTime.from({
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : Math.min(59, time.second),
  })
  // 'compatible': a time skipped by a DST gap happens after it, a repeated one at its first moment.
  return wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds
}
