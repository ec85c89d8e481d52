import { describe, expect, it } from 'vitest'
import { defaultSettings } from '../../../../src/shared/model'
import { localDay, todayTimeline } from '../../../../src/shared/policy/timeline'

const london = 'Europe/London'
const at = (iso: string) => Date.parse(iso)

describe("today's timeline", () => {
  it('spans the local day and places blocks, check-ins and now as fractions of it', () => {
    const now = at('2026-11-24T10:00:00Z')
    const timeline = todayTimeline({
      settings: defaultSettings,
      sessions: [],
      breakthroughAts: [at('2026-11-24T09:15:00Z'), at('2026-11-23T23:00:00Z')],
      zone: london,
      now,
    })
    expect(timeline.dayStart).toBe(at('2026-11-24T00:00:00Z'))
    expect(timeline.dayEnd).toBe(at('2026-11-25T00:00:00Z'))
    expect(timeline.now.x).toBeCloseTo(10 / 24)
    expect(timeline.blocks).toEqual([
      { from: at('2026-11-24T09:00:00Z'), to: at('2026-11-24T11:30:00Z'), start: 9 / 24, end: 11.5 / 24 },
    ])
    // 09:30 falls in the 09:00–11:30 block, so it happens at 11:30, as the Now card says.
    expect(timeline.checkIns.map((mark) => mark.at)).toEqual([
      at('2026-11-24T11:30:00Z'),
      at('2026-11-24T13:00:00Z'),
      at('2026-11-24T16:30:00Z'),
    ])
    expect(timeline.checkIns[0]?.reason).toEqual({
      at: at('2026-11-24T11:30:00Z'),
      movedFrom: [at('2026-11-24T09:30:00Z')],
      movedBy: 'block',
    })
    expect(timeline.checkIns[1]?.reason.movedFrom).toEqual([])
    expect(timeline.movedCheckIns.map((mark) => mark.at)).toEqual([at('2026-11-24T09:30:00Z')])
    // Yesterday's breakthrough is not today's.
    expect(timeline.breakthroughs.map((mark) => mark.at)).toEqual([at('2026-11-24T09:15:00Z')])
    expect(timeline.hours).toHaveLength(24)
  })

  it('draws a focus session only as far as now', () => {
    const now = at('2026-11-24T14:20:00Z')
    const timeline = todayTimeline({
      settings: { ...defaultSettings, deepWorkBlocks: [] },
      sessions: [
        { id: 's', startedAt: at('2026-11-24T14:00:00Z'), length: { kind: 'until-stopped' }, endsAt: null },
      ],
      breakthroughAts: [],
      zone: london,
      now,
    })
    expect(timeline.sessions).toHaveLength(1)
    expect(timeline.sessions[0]?.to).toBe(now)
  })

  it('has 23 hours on the day the clocks go forward', () => {
    const day = localDay(at('2026-03-29T12:00:00Z'), london)
    expect(day.end - day.start).toBe(23 * 60 * 60_000)
    const timeline = todayTimeline({
      settings: defaultSettings,
      sessions: [],
      breakthroughAts: [],
      zone: london,
      now: at('2026-03-29T12:00:00Z'),
    })
    expect(timeline.hours.map((mark) => mark.hour)).not.toContain(1)
    expect(timeline.hours).toHaveLength(23)
  })
})
