// Settings as the form saves them and as they come back from disk. Saving is
// all or nothing: either every field is valid (with duplicates dropped and
// overlapping deep-work blocks pointed out, each said in a note) or nothing
// is saved and each problem comes back with where it is and what to do.
import { Temporal } from 'temporal-polyfill'
import type { CheckInWindow } from '../model'
import { defaultSettings, isOneOff, Settings } from '../model'
import { checkDeepWorkBlocks } from './block-merge'
import { formatDayList, sortDays, weekdayOfDate } from './week'

export type SettingsError = { path: string; message: string }
export type SettingsValidation =
  | { ok: true; settings: Settings; notes: string[] }
  | { ok: false; errors: SettingsError[] }

export const noCheckInsNote = "No check-ins: only 'Check in now' delivers held items."

export function validateSettings(input: unknown): SettingsValidation {
  const parsed = Settings.safeParse(input)
  const errors: SettingsError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))

  // The zone is checked even when other fields fail, so the form shows every problem at once.
  const zoneInput = parsed.success ? parsed.data.timeZone : rawTimeZone(input)
  const zone = typeof zoneInput === 'string' ? checkTimeZone(zoneInput) : { ok: true as const, id: null }
  if (!zone.ok) errors.push({ path: 'timeZone', message: zone.message })
  if (parsed.success) errors.push(...duplicateRuleIds(parsed.data))
  if (!parsed.success || !zone.ok || errors.length > 0) return { ok: false, errors }

  const checkIns = dropDuplicateCheckIns(parsed.data.checkIns)
  const blocks = checkDeepWorkBlocks(parsed.data.deepWorkBlocks)
  const notes = [...checkIns.notes, ...blocks.notes]
  if (checkIns.windows.length === 0) notes.push(noCheckInsNote)
  return {
    ok: true,
    settings: {
      ...parsed.data,
      timeZone: zone.id,
      checkIns: checkIns.windows,
      deepWorkBlocks: blocks.blocks,
    },
    notes,
  }
}

function rawTimeZone(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'timeZone' in input ? input.timeZone : null
}

type ZoneCheck = { ok: true; id: string } | { ok: false; message: string }

/**
 * An IANA zone, written in its usual case ('europe/london' → 'Europe/London').
 * Fixed offsets are refused: they never change for daylight saving, so
 * check-ins would drift by an hour twice a year.
 */
export function checkTimeZone(zone: string): ZoneCheck {
  const trimmed = zone.trim()
  if (/^[+\-\u2212]/.test(trimmed)) {
    return {
      ok: false,
      message: `'${zone}' is an offset, not a time zone, and won't follow daylight saving. Pick one like Europe/London.`,
    }
  }
  try {
    const id = Temporal.ZonedDateTime.from({ timeZone: trimmed, year: 2000, month: 1, day: 1 }).timeZoneId
    return { ok: true, id }
  } catch {
    return { ok: false, message: `Unknown time zone '${zone}'. Pick one like Europe/London.` }
  }
}

/** Items record the rule that let them through by id, so two rules may not share one. */
function duplicateRuleIds(settings: Settings): SettingsError[] {
  const seen = new Set<string>()
  return settings.urgentRules.flatMap((rule, index) => {
    if (!seen.has(rule.id)) {
      seen.add(rule.id)
      return []
    }
    return [
      {
        path: `urgentRules.${index}.id`,
        message: `Two urgent rules share the id '${rule.id}'. Remove one of them.`,
      },
    ]
  })
}

/**
 * A check-in at a time and day already covered by an earlier window is
 * dropped, and so is a one-off on a day a weekly check-in at that time
 * already covers; the windows otherwise stay as the user wrote them.
 */
function dropDuplicateCheckIns(windows: readonly CheckInWindow[]): {
  windows: CheckInWindow[]
  notes: string[]
} {
  const covered = new Set<string>()
  const weeklyCovered = new Set<string>()
  for (const window of windows) {
    if (!isOneOff(window)) for (const day of window.days) weeklyCovered.add(`${window.time} ${day}`)
  }
  const kept: CheckInWindow[] = []
  const notes: string[] = []
  for (const window of windows) {
    if (isOneOff(window)) {
      const key = `${window.time} ${window.date}`
      if (covered.has(key) || weeklyCovered.has(`${window.time} ${weekdayOfDate(window.date)}`)) {
        notes.push(
          `Removed the one-off check-in at ${window.time} on ${window.date}: another check-in is already then.`,
        )
        continue
      }
      covered.add(key)
      kept.push(window)
      continue
    }
    const days = sortDays(window.days)
    const fresh = days.filter((day) => !covered.has(`${window.time} ${day}`))
    const repeated = days.filter((day) => !fresh.includes(day))
    for (const day of fresh) covered.add(`${window.time} ${day}`)
    if (repeated.length > 0) {
      notes.push(`Removed a duplicate check-in at ${window.time} on ${formatDayList(repeated)}.`)
    }
    if (fresh.length > 0) kept.push({ ...window, days: fresh })
  }
  return { windows: kept, notes }
}

export type StoredSettings = { settings: Settings; error: string | null }

/**
 * Settings read back from disk. A corrupt row never stops the app: it runs on
 * the defaults and says why. The caller keeps the row, so nothing is lost.
 * No row at all is a first run, not an error; a field the row lacks (it was
 * saved before the field existed) takes its default without an error.
 */
export function parseStoredSettings(row: unknown): StoredSettings {
  if (row === undefined || row === null) return { settings: freshDefaults(), error: null }
  let value = row
  if (typeof row === 'string') {
    try {
      value = JSON.parse(row)
    } catch {
      return {
        settings: freshDefaults(),
        error: corrupt('the saved row is not a settings object, not valid JSON'),
      }
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { settings: freshDefaults(), error: corrupt('the saved row is not a settings object') }
  }
  const result = validateSettings({ ...defaultSettings, ...value })
  if (result.ok) return { settings: result.settings, error: null }
  const [first, ...rest] = result.errors
  const where = first?.path ? `${first.path}: ` : ''
  const more = rest.length > 0 ? ` and ${rest.length} more problem${rest.length === 1 ? '' : 's'}` : ''
  return { settings: freshDefaults(), error: corrupt(`${where}${first?.message ?? 'unreadable'}${more}`) }
}

function corrupt(why: string): string {
  return `Your saved settings could not be read (${why}). Lull is using the default settings until you save new ones; the saved copy is kept.`
}

/** A deep copy, so a caller that edits its settings can never change the defaults. */
function freshDefaults(): Settings {
  return Settings.parse(defaultSettings)
}
