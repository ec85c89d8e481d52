// Saving deep-work blocks must never change what they shield: the blocks as
// typed are the reference, read through deepWorkAt on the days clocks change.
import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import type { DeepWorkBlock, Weekday } from '../../../../src/shared/model'
import { deepWorkAt, validateSettings } from '../../../../src/shared/policy'
import { minute, settingsWith, wall } from './wall'

const allWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

function savedBlocks(typed: DeepWorkBlock[], zone: string): DeepWorkBlock[] {
  const result = validateSettings(settingsWith({ timeZone: zone, deepWorkBlocks: typed }))
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.settings.deepWorkBlocks
}

type Change = { zone: string; at: number; minuteOfDay: number; day: Weekday }

/** The zone's 2026 clock changes; a zone without any (Kathmandu) gets an ordinary Sunday night. */
function changesIn2026(zone: string): Change[] {
  const changes: Change[] = []
  let at: Temporal.ZonedDateTime | null = Temporal.ZonedDateTime.from({
    timeZone: zone,
    year: 2026,
    month: 1,
    day: 1,
  })
  for (;;) {
    at = at.getTimeZoneTransition('next')
    if (at === null || at.year > 2026) break
    changes.push(changeAt(zone, at.epochMilliseconds))
  }
  return changes.length > 0 ? changes : [changeAt(zone, wall('2026-03-08T02:00', zone))]
}

/** Where the change sits on the wall clock just before it: the first skipped or repeated minute. */
function changeAt(zone: string, at: number): Change {
  // The wall clock a minute before, plus that minute: Santiago's 23:59 on Saturday becomes Sunday 00:00.
  const wallClock = Temporal.Instant.fromEpochMilliseconds(at - minute)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .add({ minutes: 1 })
  return {
    zone,
    at,
    minuteOfDay: wallClock.hour * 60 + wallClock.minute,
    day: allWeek[wallClock.dayOfWeek - 1]!,
  }
}

const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'Australia/Adelaide',
]
const changes = zones.flatMap(changesIn2026)

const pad = (n: number) => String(n).padStart(2, '0')
const clock = (minutes: number) => {
  const inDay = (minutes + 24 * 60) % (24 * 60)
  return `${pad(Math.floor(inDay / 60))}:${pad(inDay % 60)}`
}

/** Blocks whose ends mostly fall within two hours of the change, on its day or the one before. */
function blocksAround(change: Change): fc.Arbitrary<DeepWorkBlock[]> {
  const near = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -8, max: 8 }).map((k) => change.minuteOfDay + 15 * k) },
    { weight: 1, arbitrary: fc.integer({ min: -120, max: 120 }).map((m) => change.minuteOfDay + m) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 47 }).map((k) => 30 * k) },
  )
  const dayBefore = allWeek[(allWeek.indexOf(change.day) + 6) % 7]!
  const days = fc.oneof(
    fc.constant<Weekday[]>([change.day]),
    fc.constant<Weekday[]>([dayBefore, change.day]),
    fc.constant(allWeek),
    fc.subarray(allWeek, { minLength: 1 }),
  )
  const block = fc
    .record({ days, start: near.map(clock), end: near.map(clock) })
    .filter((candidate) => candidate.start !== candidate.end)
  return fc.array(block, { minLength: 2, maxLength: 5 })
}

// Every five minutes for three hours either side of the change, where skipped times land.
const sweep = Array.from({ length: 73 }, (_, i) => (i - 36) * 5)

describe('saving deep-work blocks, around clock changes', () => {
  it('shields exactly what the blocks as typed shield, and until the same moment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...changes).chain((change) => fc.tuple(fc.constant(change), blocksAround(change))),
        fc.array(fc.integer({ min: -30 * 60, max: 30 * 60 }), { maxLength: 10 }),
        ([{ zone, at }, typed], offsets) => {
          const saved = savedBlocks(typed, zone)
          for (const offset of [...sweep, ...offsets]) {
            const now = at + offset * minute
            expect(deepWorkAt(saved, [], zone, now)).toEqual(deepWorkAt(typed, [], zone, now))
          }
        },
      ),
      { numRuns: 300 },
    )
    // Thousands of instants in seven zones: a busy machine gets all the time it needs.
  }, 120_000)

  it("keeps 03:15 on New York's spring-forward Sunday inside 01:00–03:00 with 01:30–02:30", () => {
    // 02:30 does not exist that night: the second block runs to 03:30 EDT.
    const zone = 'America/New_York'
    const typed: DeepWorkBlock[] = [
      { days: ['sun'], start: '01:00', end: '03:00' },
      { days: ['sun'], start: '01:30', end: '02:30' },
    ]
    const at = wall('2026-03-08T03:15', zone)
    expect(deepWorkAt(savedBlocks(typed, zone), [], zone, at)).toEqual({
      isDeep: true,
      until: Date.parse('2026-03-08T03:30:00-04:00'),
      source: 'block',
    })
  })

  it("keeps open the moments overlapping blocks leave open on New York's spring-forward Sunday", () => {
    // 01:00–03:10 ends at 03:10 EDT, 02:30–04:00 starts at 03:30 EDT: 03:20 is free, as typed.
    const zone = 'America/New_York'
    const typed: DeepWorkBlock[] = [
      { days: ['sun'], start: '01:00', end: '03:10' },
      { days: ['sun'], start: '02:30', end: '04:00' },
    ]
    const at = wall('2026-03-08T03:20', zone)
    expect(deepWorkAt(savedBlocks(typed, zone), [], zone, at).isDeep).toBe(false)
  })
})
