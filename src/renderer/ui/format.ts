// Times as a person reads them, in the user's zone. Every list row shows
// one, so the formatters are made once per zone (making an Intl formatter
// costs far more than using one) and kept.

const clocks = new Map<string, Intl.DateTimeFormat>()
const days = new Map<string, Intl.DateTimeFormat>()
const dayNames = new Map<string, Intl.DateTimeFormat>()

function kept(cache: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions) {
  let format = cache.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en', { ...options, timeZone: zone })
    cache.set(zone, format)
  }
  return format
}

/** "09:05": 24-hour, always two digits, in `zone`. */
export function formatClock(at: number, zone: string): string {
  const parts = kept(clocks, zone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '00'
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00'
  return `${hour}:${minute}`
}

/** The calendar day of `at` in `zone`, as text that is equal for equal days. */
function dayOf(at: number, zone: string): string {
  return kept(days, zone, { year: 'numeric', month: 'numeric', day: 'numeric' }).format(at)
}

/** "14:30" today, "Fri, Dec 4 14:30" on another day. */
export function formatWhen(at: number, zone: string, now: number): string {
  const clock = formatClock(at, zone)
  if (dayOf(at, zone) === dayOf(now, zone)) return clock
  const day = kept(dayNames, zone, { weekday: 'short', month: 'short', day: 'numeric' }).format(at)
  return `${day} ${clock}`
}
