// The user's settings: one row, read with zod. A row that does not parse is
// reported and left alone, so nothing the user chose is lost to a bug or an
// old version; only the user's next save replaces it.
import type { z } from 'zod'
import { defaultSettings, Settings } from '../../shared/model'
import type { LullDb } from './schema'

export const settingsKey = 'settings'

export type LoadedSettings = { settings: Settings; error: string | null }

/**
 * The saved settings, or the defaults with an error that says what is wrong.
 * Fields a row lacks (it was saved before they existed) take their defaults
 * without an error.
 */
export async function loadSettings(db: LullDb): Promise<LoadedSettings> {
  const row = await db.settings.get(settingsKey)
  if (row === undefined) return { settings: defaultSettings, error: null }
  const value = row.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { settings: defaultSettings, error: unreadable('the saved row is not a settings object') }
  }
  const parsed = Settings.safeParse({ ...defaultSettings, ...value })
  if (parsed.success) return { settings: parsed.data, error: null }
  return { settings: defaultSettings, error: unreadable(describeIssues(parsed.error.issues)) }
}

/** Saves the whole settings object in one write; throws if it is not valid. */
export async function saveSettings(db: LullDb, settings: Settings): Promise<void> {
  await db.settings.put({ key: settingsKey, value: Settings.parse(settings) })
}

function unreadable(what: string): string {
  return (
    `Your saved settings could not be read (${what}). Lull is using the default settings for now. ` +
    'The saved settings are kept unchanged until you save settings again.'
  )
}

function describeIssues(issues: z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((issue) => {
    const path = issue.path.map(String).join('.')
    return `${path === '' ? 'settings' : path}: ${issue.message}`
  })
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : ''
  return shown.join('; ') + more
}
