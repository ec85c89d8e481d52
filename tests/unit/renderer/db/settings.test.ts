import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadSettings, saveSettings } from '../../../../src/renderer/db/repositories'
import type { LullDb } from '../../../../src/renderer/db/schema'
import { defaultSettings, type Settings } from '../../../../src/shared/model'
import { openFreshDb } from './fixtures'

let db: LullDb

beforeEach(() => {
  db = openFreshDb()
})
afterEach(() => db.close())

const corrupt = { ...defaultSettings, checkIns: [{ days: ['mon'], time: '25:00' }] }

describe('settings storage', () => {
  it('gives the defaults without an error when nothing was saved', async () => {
    expect(await loadSettings(db)).toEqual({ settings: defaultSettings, error: null })
  })

  it('loads what was saved', async () => {
    const mine: Settings = { ...defaultSettings, timeZone: 'Asia/Kathmandu', breakthroughCooldownMinutes: 15 }
    await saveSettings(db, mine)

    expect(await loadSettings(db)).toEqual({ settings: mine, error: null })
  })

  it('gives the defaults and an error naming the bad field for a corrupt row', async () => {
    await db.settings.put({ key: 'settings', value: corrupt })

    const loaded = await loadSettings(db)

    expect(loaded.settings).toEqual(defaultSettings)
    expect(loaded.error).toContain('checkIns.0.time')
    expect(loaded.error).toContain('the saved copy is kept')
  })

  it('gives the defaults and an error when the row is not a settings object', async () => {
    await db.settings.put({ key: 'settings', value: 'garbage' })

    const loaded = await loadSettings(db)

    expect(loaded.settings).toEqual(defaultSettings)
    expect(loaded.error).toContain('not a settings object')
  })

  it('keeps a corrupt row as it was after loading', async () => {
    await db.settings.put({ key: 'settings', value: corrupt })

    await loadSettings(db)

    expect(await db.settings.get('settings')).toEqual({ key: 'settings', value: corrupt })
  })

  it('replaces a corrupt row when the user saves', async () => {
    await db.settings.put({ key: 'settings', value: corrupt })

    await saveSettings(db, defaultSettings)

    expect(await loadSettings(db)).toEqual({ settings: defaultSettings, error: null })
  })

  it('fills a field an older row lacks with its default, without an error', async () => {
    const { syncPaused: _new, ...older } = { ...defaultSettings, breakthroughCooldownMinutes: 30 }
    await db.settings.put({ key: 'settings', value: older })

    expect(await loadSettings(db)).toEqual({
      settings: { ...defaultSettings, breakthroughCooldownMinutes: 30 },
      error: null,
    })
  })

  it('refuses to save invalid settings and keeps the saved ones', async () => {
    await saveSettings(db, defaultSettings)
    const invalid: Settings = { ...defaultSettings, breakthroughCooldownMinutes: -1 }

    await expect(saveSettings(db, invalid)).rejects.toThrow()
    expect((await loadSettings(db)).settings).toEqual(defaultSettings)
  })
})
