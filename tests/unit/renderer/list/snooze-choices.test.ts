import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import {
  instantOf,
  returnsAt,
  snoozeChoices,
  wallTimeOf,
} from '../../../../src/renderer/ui/list/snooze-choices'
import { defaultSettings, type Settings } from '../../../../src/shared/model'

const zone = 'Europe/London'
const at = (iso: string) => Temporal.ZonedDateTime.from(`${iso}[${zone}]`).epochMilliseconds
const settings: Settings = { ...defaultSettings, deepWorkBlocks: [] }

describe('snooze choices', () => {
  it('label each choice with the check-in that brings the item back', () => {
    // Monday 10:00; check-ins at 09:30, 13:00 and 16:30 on weekdays.
    const choices = snoozeChoices(settings, zone, [], at('2026-11-23T10:00'))
    const byId = Object.fromEntries(choices.map((choice) => [choice.id, choice]))
    expect(byId['next-check-in']?.returnsAt).toBe(at('2026-11-23T13:00'))
    expect(byId['later-today']?.returnsAt).toBe(at('2026-11-23T13:00'))
    expect(byId['later-today']?.isAvailable).toBe(true)
    expect(byId['tomorrow-morning']?.returnsAt).toBe(at('2026-11-24T09:30'))
  })

  it('offers "later today" only when a check-in later today brings the item back', () => {
    const evening = snoozeChoices(settings, zone, [], at('2026-11-23T15:00'))
    expect(evening.find((choice) => choice.id === 'later-today')?.isAvailable).toBe(false)
    // Friday evening: tomorrow is Saturday, so the morning after comes on Monday.
    const friday = snoozeChoices(settings, zone, [], at('2026-11-27T18:00'))
    expect(friday.find((choice) => choice.id === 'tomorrow-morning')?.returnsAt).toBe(at('2026-11-30T09:30'))
  })

  it('brings an item back at the first check-in at or after its time, or when the person checks in', () => {
    expect(returnsAt(settings, zone, [], at('2026-11-23T13:00'))).toBe(at('2026-11-23T13:00'))
    expect(returnsAt(settings, zone, [], at('2026-11-23T13:01'))).toBe(at('2026-11-23T16:30'))
    expect(returnsAt({ ...settings, checkIns: [] }, zone, [], at('2026-11-23T13:01'))).toBeNull()
  })

  it('reads a picked time in the person zone', () => {
    expect(instantOf('2026-11-23T16:45', zone)).toBe(at('2026-11-23T16:45'))
    expect(wallTimeOf(at('2026-11-23T16:45'), zone)).toBe('2026-11-23T16:45')
    expect(instantOf('not a time', zone)).toBeNull()
  })
})
