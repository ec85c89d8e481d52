// The user's settings: one row, read through the policy's parser. A row that
// does not parse is reported and left alone, so nothing the user chose is
// lost to a bug or an old version; only the user's next save replaces it.
import { Settings } from '../../shared/model'
import { parseStoredSettings, type StoredSettings } from '../../shared/policy'
import type { LullDb } from './schema'

export const settingsKey = 'settings'

export type LoadedSettings = StoredSettings

/** The saved settings, or the defaults with an error that says what is wrong. */
export async function loadSettings(db: LullDb): Promise<LoadedSettings> {
  const row = await db.settings.get(settingsKey)
  return parseStoredSettings(row?.value)
}

/** Saves the whole settings object in one write; throws if it is not valid. */
export async function saveSettings(db: LullDb, settings: Settings): Promise<void> {
  await db.settings.put({ key: settingsKey, value: Settings.parse(settings) })
}

/**
 * Change one field of the stored row and leave every other field exactly as
 * it is, even one that does not parse: a toggle is not a save of the whole
 * form. Answers false when the row is not an object at all, so there is no
 * field to set; the caller then keeps the change for this run only.
 */
export function patchStoredSettings(db: LullDb, patch: Partial<Settings>): Promise<boolean> {
  return db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get(settingsKey)
    const value: unknown = row?.value
    if (row === undefined) {
      await db.settings.put({
        key: settingsKey,
        value: Settings.parse({ ...parseStoredSettings(undefined).settings, ...patch }),
      })
      return true
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
    await db.settings.put({ key: settingsKey, value: { ...value, ...patch } })
    return true
  })
}
