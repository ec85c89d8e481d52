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

const slotMs = 15 * 60_000
const maxCachedSlots = 200_000
/** zone → (15-minute slot of wall time → instant minus wall time). */
const offsets = new Map<string, Map<number, number>>()

/**
 * Wall time to an instant through an offset remembered per 15-minute slot
 * of wall time: every zone change since 1970 falls on a quarter hour, so a
 * slot has one offset ('compatible' included: a time in a gap moves forward
 * by the gap, a repeated time takes the earlier offset). Temporal is asked
 * once per slot; a calendar's thousands of occurrences share few slots.
 */
function wallInstant(time: ICAL.Time, zone: string): number {
  const wall = Date.UTC(
    time.year,
    time.month - 1,
    time.day,
    time.isDate ? 0 : time.hour,
    time.isDate ? 0 : time.minute,
    time.isDate ? 0 : Math.min(59, time.second),
  )
  let byZone = offsets.get(zone)
  if (!byZone || byZone.size > maxCachedSlots) {
    byZone = new Map()
    offsets.set(zone, byZone)
  }
  const slot = Math.floor(wall / slotMs)
  let offset = byZone.get(slot)
  if (offset === undefined) {
    offset = temporalInstant(slot * slotMs, zone) - slot * slotMs
    byZone.set(slot, offset)
  }
  return wall + offset
}

function temporalInstant(wall: number, zone: string): number {
  const date = new Date(wall)
  const plain = Temporal.PlainDateTime.from({
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  })
  // 'compatible': a time skipped by a DST gap happens after it, a repeated one at its first moment.
  return plain.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds
}
