import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type DeepWorkBlock, defaultSettings, type Settings, weekdays } from '../../../../src/shared/model'
import { wholeWeekNote } from '../../../../src/shared/policy/block-merge'
import { parseStoredSettings, validateSettings } from '../../../../src/shared/policy/settings'
import {
  formatBlockList,
  formatChannelList,
  formatTimeList,
  parseBlockList,
  parseChannelList,
  parseTimeList,
} from '../../../../src/shared/policy/settings-form'

const valid: Settings = {
  ...defaultSettings,
  timeZone: 'Europe/London',
  checkIns: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], time: '13:00' }],
  deepWorkBlocks: [{ days: ['mon'], start: '09:00', end: '11:00' }],
}

function errorsOf(input: unknown) {
  const result = validateSettings(input)
  if (result.ok) throw new Error('expected the settings to be refused')
  return result.errors
}

function saved(input: Settings) {
  const result = validateSettings(input)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result
}

describe('validateSettings: errors', () => {
  it('accepts valid settings as they are, without notes', () => {
    expect(saved(valid)).toEqual({ ok: true, settings: valid, notes: [] })
  })

  it('refuses an unknown time zone and suggests a real one', () => {
    expect(errorsOf({ ...valid, timeZone: 'Mars/Base' })).toEqual([
      { path: 'timeZone', message: "Unknown time zone 'Mars/Base'. Pick one like Europe/London." },
    ])
  })

  it('refuses a fixed offset, which would not follow daylight saving', () => {
    expect(errorsOf({ ...valid, timeZone: '+05:45' })[0]?.message).toMatch(/offset, not a time zone/)
  })

  it('accepts a zone written in the wrong case and stores its usual spelling', () => {
    expect(saved({ ...valid, timeZone: 'asia/kathmandu' }).settings.timeZone).toBe('Asia/Kathmandu')
  })

  it('accepts following the system zone', () => {
    expect(saved({ ...valid, timeZone: null }).settings.timeZone).toBeNull()
  })

  it('refuses a time past 23:59 and says how to write one', () => {
    expect(errorsOf({ ...valid, checkIns: [{ days: ['mon'], time: '25:00' }] })).toEqual([
      { path: 'checkIns.0.time', message: 'A time is written HH:MM, from 00:00 to 23:59.' },
    ])
  })

  it('refuses a check-in or block with no days', () => {
    const errors = errorsOf({
      ...valid,
      checkIns: [{ days: [], time: '09:00' }],
      deepWorkBlocks: [{ days: [], start: '09:00', end: '10:00' }],
    })
    expect(errors).toEqual([
      { path: 'checkIns.0.days', message: 'Pick at least one day.' },
      { path: 'deepWorkBlocks.0.days', message: 'Pick at least one day.' },
    ])
  })

  it('reports a bad zone alongside other errors, so the form shows them all at once', () => {
    const errors = errorsOf({ ...valid, timeZone: 'Mars/Base', checkIns: [{ days: ['mon'], time: '9am' }] })
    expect(errors.map((error) => error.path)).toEqual(['checkIns.0.time', 'timeZone'])
  })

  it('refuses two urgent rules with the same id', () => {
    const rule = { id: 'r', kind: 'person', person: 'dana' } as const
    expect(errorsOf({ ...valid, urgentRules: [rule, { ...rule, person: 'sam' }] })).toEqual([
      { path: 'urgentRules.1.id', message: "Two urgent rules share the id 'r'. Remove one of them." },
    ])
  })

  it('saves nothing half-way: one bad field refuses the whole object', () => {
    const result = validateSettings({ ...valid, breakthroughCooldownMinutes: -1 })
    expect(result).toEqual({
      ok: false,
      errors: [expect.objectContaining({ path: 'breakthroughCooldownMinutes' })],
    })
    expect('settings' in result).toBe(false)
  })
})

describe('validateSettings: clean-ups', () => {
  it('drops a duplicate check-in and says so', () => {
    const result = saved({
      ...valid,
      checkIns: [
        { days: ['mon', 'tue'], time: '09:30' },
        { days: ['tue', 'wed'], time: '09:30' },
        { days: ['tue'], time: '09:30' },
      ],
    })
    expect(result.settings.checkIns).toEqual([
      { days: ['mon', 'tue'], time: '09:30' },
      { days: ['wed'], time: '09:30' },
    ])
    expect(result.notes).toEqual([
      'Removed a duplicate check-in at 09:30 on Tue.',
      'Removed a duplicate check-in at 09:30 on Tue.',
    ])
  })

  it('allows no check-ins but notes that only Check in now delivers', () => {
    const result = saved({ ...valid, checkIns: [] })
    expect(result.settings.checkIns).toEqual([])
    expect(result.notes).toEqual(["No check-ins: only 'Check in now' delivers held items."])
  })

  it('keeps overlapping deep-work blocks as written and notes where they overlap', () => {
    const blocks: DeepWorkBlock[] = [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:30' },
      { days: ['mon', 'sat'], start: '11:00', end: '12:00' },
    ]
    const result = saved({ ...valid, deepWorkBlocks: blocks })
    expect(result.settings.deepWorkBlocks).toEqual(blocks)
    expect(result.notes).toEqual(['Two deep-work blocks overlap on Mon; together they run 09:00–12:00.'])
  })

  it('gathers the days of the same overlap into one note', () => {
    const weekdays5 = ['mon', 'tue', 'wed', 'thu', 'fri'] as const
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: [...weekdays5], start: '09:00', end: '11:30' },
        { days: [...weekdays5], start: '10:00', end: '12:00' },
      ],
    })
    expect(result.notes).toEqual(['Two deep-work blocks overlap on Mon-Fri; together they run 09:00–12:00.'])
  })

  it('notes a block crossing midnight that overlaps one the next morning', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: ['mon'], start: '22:00', end: '02:00' },
        { days: ['tue'], start: '01:00', end: '03:00' },
      ],
    })
    expect(result.notes).toEqual(['Two deep-work blocks overlap on Mon; together they run 22:00–03:00.'])
  })

  it('notes an overlap across the end of the week, Sunday night into Monday morning', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: ['sun'], start: '23:00', end: '01:00' },
        { days: ['mon'], start: '00:30', end: '02:00' },
      ],
    })
    expect(result.notes).toEqual(['Two deep-work blocks overlap on Sun; together they run 23:00–02:00.'])
  })

  it('names the start and end day of overlapping blocks that together run longer than a day', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: ['mon'], start: '20:00', end: '08:00' },
        { days: ['tue'], start: '06:00', end: '22:00' },
      ],
    })
    expect(result.notes).toEqual([
      'Two deep-work blocks overlap; together they run from Mon 20:00 to Tue 22:00.',
    ])
  })

  it('drops a deep-work block repeated on the same day with the same times and says so', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:30' },
        { days: ['sat', 'mon', 'tue'], start: '09:00', end: '11:30' },
        { days: ['fri'], start: '09:00', end: '11:30' },
      ],
    })
    expect(result.settings.deepWorkBlocks).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:30' },
      { days: ['sat'], start: '09:00', end: '11:30' },
    ])
    expect(result.notes).toEqual([
      'Removed a duplicate deep-work block 09:00–11:30 on Mon,Tue.',
      'Removed a duplicate deep-work block 09:00–11:30 on Fri.',
    ])
  })

  it('leaves blocks that only touch as they are', () => {
    const blocks: DeepWorkBlock[] = [
      { days: ['mon'], start: '09:00', end: '11:00' },
      { days: ['mon'], start: '11:00', end: '12:00' },
    ]
    const result = saved({ ...valid, deepWorkBlocks: blocks })
    expect(result.settings.deepWorkBlocks).toEqual(blocks)
    expect(result.notes).toEqual([])
  })
})

describe('validateSettings: deep work all week', () => {
  const allWeek = [...weekdays]

  it('says so when blocks that only touch cover the whole week', () => {
    const blocks: DeepWorkBlock[] = [
      { days: allWeek, start: '00:00', end: '12:00' },
      { days: allWeek, start: '12:00', end: '00:00' },
    ]
    const result = saved({ ...valid, deepWorkBlocks: blocks })
    expect(result.settings.deepWorkBlocks).toEqual(blocks)
    expect(result.notes).toEqual([wholeWeekNote])
  })

  it('says so when touching blocks cover the whole week with one running over each midnight', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: allWeek, start: '06:00', end: '18:00' },
        { days: allWeek, start: '18:00', end: '06:00' },
      ],
    })
    expect(result.notes).toEqual([wholeWeekNote])
  })

  it('says so when touching and overlapping blocks together cover the whole week', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: allWeek, start: '00:00', end: '12:00' },
        { days: allWeek, start: '11:00', end: '18:00' },
        { days: allWeek, start: '18:00', end: '00:00' },
      ],
    })
    expect(result.notes).toEqual([
      'Two deep-work blocks overlap on Mon-Sun; together they run 00:00–18:00.',
      wholeWeekNote,
    ])
  })

  it('says so once when overlapping blocks alone cover the whole week', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: allWeek, start: '20:00', end: '08:00' },
        { days: allWeek, start: '06:00', end: '22:00' },
      ],
    })
    expect(result.notes).toEqual([wholeWeekNote])
  })

  it('keeps quiet when touching blocks leave one minute of the week free', () => {
    const result = saved({
      ...valid,
      deepWorkBlocks: [
        { days: allWeek, start: '00:00', end: '12:00' },
        { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '12:00', end: '00:00' },
        { days: ['sun'], start: '12:00', end: '23:59' },
      ],
    })
    expect(result.notes).toEqual([])
  })
})

// Minutes from Monday 00:00 that some block covers, for the merge property below.
function coveredMinutes(blocks: readonly DeepWorkBlock[]): Set<number> {
  const minutes = new Set<number>()
  const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))
  for (const block of blocks) {
    const start = toMinutes(block.start)
    const end = toMinutes(block.end)
    const length = end > start ? end - start : end + 1440 - start
    for (const day of block.days) {
      const from = weekdays.indexOf(day) * 1440 + start
      for (let m = from; m < from + length; m += 15) minutes.add(m % 10080)
    }
  }
  return minutes
}

const quarterTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
const dayList = fc.uniqueArray(fc.constantFrom(...weekdays), { minLength: 1 })
const sortedDays = dayList.map((days) => weekdays.filter((day) => days.includes(day)))
const blockArb = fc
  .record({ days: sortedDays, start: quarterTime, end: quarterTime })
  .filter((block) => block.start !== block.end)

const quartersPerWeek = 7 * 24 * 4

describe('saving deep-work blocks, as a property', () => {
  it('keeps the minutes the blocks cover and drops only exact repeats', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 6 }), (blocks) => {
        const result = saved({ ...valid, deepWorkBlocks: blocks })
        const kept = result.settings.deepWorkBlocks
        expect(coveredMinutes(kept)).toEqual(coveredMinutes(blocks))
        const dayTimes = (list: readonly DeepWorkBlock[]) =>
          new Set(list.flatMap((block) => block.days.map((day) => `${day} ${block.start}-${block.end}`)))
        expect(dayTimes(kept)).toEqual(dayTimes(blocks))
        expect(kept.reduce((sum, block) => sum + block.days.length, 0)).toBe(dayTimes(blocks).size)
      }),
    )
  })

  it('notes an overlap only when two kept blocks share a minute, and the whole week only when it is covered', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 6 }), (blocks) => {
        const result = saved({ ...valid, deepWorkBlocks: blocks })
        const kept = result.settings.deepWorkBlocks
        const covered = coveredMinutes(kept).size
        const hasOverlap = kept.reduce((sum, block) => sum + coveredMinutes([block]).size, 0) > covered
        const isWholeWeek = covered === quartersPerWeek
        const saysOverlap = result.notes.some((note) => note.includes('overlap'))
        // An overlap spanning the whole week is told by the whole-week note alone.
        expect(saysOverlap || (hasOverlap && isWholeWeek)).toBe(hasOverlap)
        expect(result.notes.includes(wholeWeekNote)).toBe(isWholeWeek)
      }),
    )
  })
})

describe('parseStoredSettings', () => {
  it('reads a valid row', () => {
    expect(parseStoredSettings(valid)).toEqual({ settings: valid, error: null })
  })

  it('treats no row as a first run: defaults, no error', () => {
    expect(parseStoredSettings(undefined)).toEqual({ settings: defaultSettings, error: null })
  })

  it('falls back to the defaults on a corrupt row and says what was wrong', () => {
    const { settings, error } = parseStoredSettings({
      ...valid,
      checkIns: [{ days: ['mon'], time: '25:00' }],
    })
    expect(settings).toEqual(defaultSettings)
    expect(error).toBe(
      'Your saved settings could not be read (checkIns.0.time: A time is written HH:MM, from 00:00 to 23:59.). ' +
        'Lull is using the default settings until you save new ones; the saved copy is kept.',
    )
  })

  it('falls back to the defaults on a row that is not JSON', () => {
    const { settings, error } = parseStoredSettings('{"timeZone": ')
    expect(settings).toEqual(defaultSettings)
    expect(error).toMatch(/not valid JSON/)
  })

  it('hands out a copy, so editing it never changes the defaults', () => {
    const { settings } = parseStoredSettings(null)
    settings.checkIns.push({ days: ['sun'], time: '10:00' })
    expect(defaultSettings.checkIns).toHaveLength(3)
  })
})

describe('settings form: times', () => {
  it('reads a comma-separated list, padding single-digit hours', () => {
    expect(parseTimeList('09:30, 13:00\n9:05')).toEqual({ ok: true, value: ['09:30', '13:00', '09:05'] })
  })

  it('returns every bad time as an error instead of throwing', () => {
    expect(parseTimeList('25:00, 9am')).toEqual({
      ok: false,
      errors: [
        "'25:00' isn't a time. A time is written HH:MM, from 00:00 to 23:59.",
        "'9am' isn't a time. A time is written HH:MM, from 00:00 to 23:59.",
      ],
    })
  })

  it('round-trips any list of times', () => {
    fc.assert(
      fc.property(fc.array(quarterTime), (times) => {
        expect(parseTimeList(formatTimeList(times))).toEqual({ ok: true, value: times })
      }),
    )
  })
})

describe('settings form: deep-work blocks', () => {
  it('reads one block a line with day ranges and lists', () => {
    expect(parseBlockList('Mon-Fri 09:00-11:30\nSat, Sun 10:00 - 12:00\nFri-Mon 22:00-01:00')).toEqual({
      ok: true,
      value: [
        { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '11:30' },
        { days: ['sat', 'sun'], start: '10:00', end: '12:00' },
        { days: ['mon', 'fri', 'sat', 'sun'], start: '22:00', end: '01:00' },
      ],
    })
  })

  it('names the line and the problem', () => {
    expect(parseBlockList('Mon 09:00-10:00\nMars 09:00-25:00\n10:00-11:00\nTue 09:00-09:00')).toEqual({
      ok: false,
      errors: [
        "Line 2: '25:00' isn't a time. A time is written HH:MM, from 00:00 to 23:59.",
        "Line 2: 'Mars' isn't a day. Write days like Mon-Fri or Sat,Sun.",
        "Line 3: say which days, like 'Mon-Fri 09:00-11:30'.",
        'Line 4: a deep-work block needs a start and an end that differ.',
      ],
    })
  })

  it('round-trips any list of blocks', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 5 }), (blocks) => {
        expect(parseBlockList(formatBlockList(blocks))).toEqual({ ok: true, value: blocks })
      }),
    )
  })
})

describe('settings form: urgent channels', () => {
  it('reads channels with or without # into rules with stable ids', () => {
    expect(parseChannelList('#incidents, Urgent')).toEqual({
      ok: true,
      value: [
        { id: 'slack-channel:#incidents', kind: 'slack-channel', channel: '#incidents' },
        { id: 'slack-channel:#urgent', kind: 'slack-channel', channel: '#urgent' },
      ],
    })
  })

  it('keeps the id of a channel that already has a rule', () => {
    const parsed = parseChannelList('incidents', defaultSettings.urgentRules)
    expect(parsed).toEqual({
      ok: true,
      value: [{ id: 'rule-incidents', kind: 'slack-channel', channel: '#incidents' }],
    })
  })

  it('refuses names Slack would not allow', () => {
    expect(parseChannelList('#ops.team')).toEqual({
      ok: false,
      errors: ["'#ops.team' isn't a Slack channel name. Names use letters, numbers, - and _."],
    })
  })

  it('round-trips any list of channel rules', () => {
    const name = fc.stringMatching(/^[a-z0-9_-]{1,20}$/)
    fc.assert(
      fc.property(fc.uniqueArray(name), fc.array(fc.string({ minLength: 1 })), (names, ids) => {
        const rules = names.map((channel, i) => ({
          id: ids[i] ?? `slack-channel:#${channel}`,
          kind: 'slack-channel' as const,
          channel: `#${channel}`,
        }))
        expect(parseChannelList(formatChannelList(rules), rules)).toEqual({ ok: true, value: rules })
      }),
    )
  })
})
