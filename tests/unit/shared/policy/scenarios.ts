// Random scenarios for the property tests: schedules, zones around their
// 2026 DST changes, focus sessions and arrivals, and how to replay one.
import fc from 'fast-check'
import type {
  CheckInWindow,
  DeepWorkBlock,
  FocusSession,
  Settings,
  Weekday,
} from '../../../../src/shared/model'
import {
  blockIntervalsBetween,
  checkInTimesBetween,
  type SimArrival,
  type SimEvent,
  simulate,
} from '../../../../src/shared/policy'
import { day, hour, minute, settingsWith, wall } from './wall'

const zones = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
]
const allWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
// Days just before the 2026 DST changes of the zones above, and an ordinary one.
const startDays = [
  '2026-03-06',
  '2026-03-27',
  '2026-04-03',
  '2026-06-10',
  '2026-09-25',
  '2026-10-02',
  '2026-10-23',
  '2026-10-30',
]
// Long enough for a weekly check-in to follow the last arrival, even across a DST change.
const spanMs = 12 * day
const arrivalSpanMs = 4 * day

const wallTime = fc.oneof(
  fc.constantFrom('00:00', '01:30', '02:15', '02:30', '03:00', '09:30', '23:30'),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
)
const days = fc.subarray(allWeek, { minLength: 1 })
export const checkInWindow: fc.Arbitrary<CheckInWindow> = fc.record({ days, time: wallTime })
export const block: fc.Arbitrary<DeepWorkBlock> = fc
  .record({ days, start: wallTime, end: wallTime })
  .filter((candidate) => candidate.start !== candidate.end)

export type Scenario = {
  settings: Settings
  zone: string
  from: number
  to: number
  pollMs: number
  sessions: FocusSession[]
  arrivals: SimArrival[]
}

/** Sessions that all end within the span: by minutes, ended early, or until stopped and then stopped. */
function sessionsFrom(from: number): fc.Arbitrary<FocusSession[]> {
  const session = fc.record({
    start: fc.integer({ min: 0, max: 6 * day }),
    minutes: fc.integer({ min: 1, max: 24 * 60 }),
    endedAfter: fc.option(fc.integer({ min: 0, max: 2 * day }), { nil: undefined }),
    isUntilStopped: fc.boolean(),
  })
  return fc.array(session, { maxLength: 2 }).map((drafts) =>
    drafts.map((draft, index): FocusSession => {
      const startedAt = from + draft.start
      if (draft.isUntilStopped) {
        const endedAt = startedAt + (draft.endedAfter ?? draft.minutes * minute)
        return { id: `s${index}`, startedAt, length: { kind: 'until-stopped' }, endsAt: null, endedAt }
      }
      const endsAt = startedAt + draft.minutes * minute
      const endedAt = draft.endedAfter === undefined ? undefined : startedAt + draft.endedAfter
      return {
        id: `s${index}`,
        startedAt,
        length: { kind: 'minutes', minutes: draft.minutes },
        endsAt,
        endedAt,
      }
    }),
  )
}

/** Random arrivals, many of them within two minutes of a check-in or a block's end, where off-by-ones hide. */
function arrivalsFrom(from: number, edges: number[]): fc.Arbitrary<SimArrival[]> {
  const arrival = fc.record({
    offset: fc.integer({ min: 0, max: arrivalSpanMs }),
    edge: fc.option(fc.nat(), { nil: undefined }),
    jitter: fc.integer({ min: -2 * minute, max: 2 * minute }),
    thread: fc.integer({ min: 0, max: 4 }),
    isUrgent: fc.boolean(),
  })
  return fc.array(arrival, { maxLength: 40 }).map((drafts) =>
    drafts.map((draft, index) => {
      const edge =
        draft.edge === undefined || edges.length === 0 ? undefined : edges[draft.edge % edges.length]
      return {
        id: `item-${index}`,
        at: edge === undefined ? from + draft.offset : Math.max(from, edge + draft.jitter),
        threadKey: `thread-${draft.thread}`,
        container: draft.isUrgent ? '#incidents' : '#general',
        source: 'slack' as const,
        isUrgent: draft.isUrgent,
      }
    }),
  )
}

export function scenario(options: {
  checkIns: fc.Arbitrary<CheckInWindow[]>
  blocks: fc.Arbitrary<DeepWorkBlock[]>
}) {
  return fc
    .record({
      zone: fc.constantFrom(...zones),
      startDay: fc.constantFrom(...startDays),
      startHour: fc.integer({ min: 0, max: 47 }),
      pollMs: fc.constantFrom(30_000, 60_000, 5 * minute),
      checkIns: options.checkIns,
      blocks: options.blocks,
    })
    .chain((base) => {
      const from = wall(`${base.startDay}T00:00`, base.zone) + base.startHour * hour
      const edges = [
        ...checkInTimesBetween(base.checkIns, base.zone, from, from + arrivalSpanMs),
        ...blockIntervalsBetween(base.blocks, base.zone, from, from + arrivalSpanMs).map(
          (interval) => interval.end,
        ),
      ]
      return fc.record({ sessions: sessionsFrom(from), arrivals: arrivalsFrom(from, edges) }).map(
        ({ sessions, arrivals }): Scenario => ({
          settings: settingsWith({
            timeZone: base.zone,
            checkIns: base.checkIns,
            deepWorkBlocks: base.blocks,
          }),
          zone: base.zone,
          from,
          to: from + spanMs,
          pollMs: base.pollMs,
          sessions,
          arrivals,
        }),
      )
    })
}

export function run(s: Scenario): SimEvent[] {
  return simulate(s.settings, s.arrivals, s.from, s.to, {
    zone: s.zone,
    pollMs: s.pollMs,
    sessions: s.sessions,
  })
}
