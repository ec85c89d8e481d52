import { describe, expect, it } from 'vitest'
import { blockFromDrag, blockPieces, shiftBlock, snapMinutes } from '../../../../src/shared/policy/week-grid'

describe('the week grid', () => {
  it('draws a block on each of its days, and one that crosses midnight on the next day too', () => {
    expect(blockPieces([{ days: ['mon', 'tue'], start: '09:00', end: '11:30' }])).toEqual([
      { blockIndex: 0, day: 'mon', from: 540, to: 690, part: 'start' },
      { blockIndex: 0, day: 'tue', from: 540, to: 690, part: 'start' },
    ])
    expect(blockPieces([{ days: ['sun'], start: '22:00', end: '01:00' }])).toEqual([
      { blockIndex: 0, day: 'sun', from: 1320, to: 1440, part: 'start' },
      { blockIndex: 0, day: 'mon', from: 0, to: 60, part: 'spill' },
    ])
    expect(blockPieces([{ days: ['fri'], start: '20:00', end: '00:00' }])).toEqual([
      { blockIndex: 0, day: 'fri', from: 1200, to: 1440, part: 'start' },
    ])
  })

  it('snaps a drag to quarter hours, in either direction, at least one step long', () => {
    expect(snapMinutes(547)).toBe(540)
    expect(blockFromDrag('wed', 700, 542)).toEqual({ days: ['wed'], start: '09:00', end: '11:45' })
    expect(blockFromDrag('wed', 600, 603)).toEqual({ days: ['wed'], start: '10:00', end: '10:15' })
    expect(blockFromDrag('wed', 1439, 1440)).toEqual({ days: ['wed'], start: '23:45', end: '00:00' })
  })

  it('moves a block by a step, across midnight, and resizes it without losing it', () => {
    const block = { days: ['mon' as const], start: '23:30', end: '00:30' }
    expect(shiftBlock(block, 45, 'both')).toEqual({ days: ['mon'], start: '00:15', end: '01:15' })
    expect(shiftBlock({ days: ['mon'], start: '09:00', end: '09:15' }, -30, 'end')).toEqual({
      days: ['mon'],
      start: '09:00',
      end: '09:15',
    })
    expect(shiftBlock({ days: ['mon'], start: '09:00', end: '10:00' }, 15, 'end').end).toBe('10:15')
  })
})
