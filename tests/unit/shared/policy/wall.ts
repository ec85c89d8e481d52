// Test helpers: instants written as wall-clock times in a named zone, and
// settings built from the defaults.
import { Temporal } from 'temporal-polyfill'
import { defaultSettings, type Settings } from '../../../../src/shared/model'

/** The instant of a wall-clock time, e.g. wall('2026-06-01T09:30', 'Europe/London'). */
export function wall(local: string, zone: string): number {
  return Temporal.ZonedDateTime.from(`${local}[${zone}]`).epochMilliseconds
}

export const minute = 60_000
export const hour = 60 * minute
export const day = 24 * hour

export function settingsWith(overrides: Partial<Settings>): Settings {
  return { ...defaultSettings, ...overrides }
}
