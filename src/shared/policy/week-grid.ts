// The week grid of the Focus view as geometry: each deep-work block as
// pieces on the days it covers (a block that crosses midnight continues on
// the next day), positions as minutes of the day, and the edits a drag or a
// key makes, kept on a 15-minute step. Pure, so the view only scales.
import { Temporal } from 'temporal-polyfill'
import type { CheckInWindow, DeepWorkBlock, Weekday } from '../model'
import { isOneOff, weekdays } from '../model'
import type { CalendarInterval } from './calendar'
import { minutesToWallTime, wallTimeToMinutes } from './week'

export const gridStepMinutes = 15
const dayMinutes = 24 * 60

/** `spill` is the part of a block that crossed midnight into the next day. */
export type BlockPiece = {
  blockIndex: number
  day: Weekday
  from: number
  to: number
  part: 'start' | 'spill'
}

/** Where each block falls on the grid, day by day. */
export function blockPieces(blocks: readonly DeepWorkBlock[]): BlockPiece[] {
  return blocks.flatMap((block, blockIndex) => {
    const start = wallTimeToMinutes(block.start)
    const end = wallTimeToMinutes(block.end)
    return block.days.flatMap((day) => {
      if (end > start) return [{ blockIndex, day, from: start, to: end, part: 'start' as const }]
      const next = weekdays[(weekdays.indexOf(day) + 1) % 7] as Weekday
      const pieces: BlockPiece[] = [{ blockIndex, day, from: start, to: dayMinutes, part: 'start' }]
      if (end > 0) pieces.push({ blockIndex, day: next, from: 0, to: end, part: 'spill' })
      return pieces
    })
  })
}

/** A minute of the day snapped to the grid's step, within the day. */
export function snapMinutes(minutes: number): number {
  const snapped = Math.round(minutes / gridStepMinutes) * gridStepMinutes
  return Math.min(dayMinutes, Math.max(0, snapped))
}

/** The block a drag from `a` to `b` minutes on `day` draws (at least one step long). */
export function blockFromDrag(day: Weekday, a: number, b: number): DeepWorkBlock {
  let from = snapMinutes(Math.min(a, b))
  let to = snapMinutes(Math.max(a, b))
  if (to - from < gridStepMinutes) to = Math.min(dayMinutes, from + gridStepMinutes)
  if (to - from < gridStepMinutes) from = to - gridStepMinutes
  return { days: [day], start: minutesToWallTime(from), end: minutesToWallTime(to % dayMinutes) }
}

/** A block moved by `minutes` (both ends), or its end moved (resize), on the grid's step; it keeps at least one step. */
export function shiftBlock(block: DeepWorkBlock, minutes: number, edge: 'both' | 'end'): DeepWorkBlock {
  const start = wallTimeToMinutes(block.start)
  const rawEnd = wallTimeToMinutes(block.end)
  const end = rawEnd <= start ? rawEnd + dayMinutes : rawEnd
  const wrap = (value: number) => ((value % dayMinutes) + dayMinutes) % dayMinutes
  if (edge === 'end') {
    const next = Math.max(
      start + gridStepMinutes,
      Math.min(start + dayMinutes - gridStepMinutes, end + minutes),
    )
    return { ...block, end: minutesToWallTime(wrap(next)) }
  }
  return {
    ...block,
    start: minutesToWallTime(wrap(start + minutes)),
    end: minutesToWallTime(wrap(end + minutes)),
  }
}

/** Where a check-in falls on the grid: its day and time; `isOnce` for a one-off in the week shown. */
export type CheckInMark = { day: Weekday; time: string; isOnce: boolean }

/**
 * The check-ins on the week grid: a weekly one on each of its own days, a
 * one-off only on its day, and only when its date is in the week shown
 * (`weekDates`: each weekday's 'YYYY-MM-DD' that week).
 */
export function checkInMarks(
  checkIns: readonly CheckInWindow[],
  weekDates: Readonly<Record<Weekday, string>>,
): CheckInMark[] {
  return checkIns.flatMap((window): CheckInMark[] => {
    if (!isOneOff(window)) return window.days.map((day) => ({ day, time: window.time, isOnce: false }))
    const day = weekdays.find((candidate) => weekDates[candidate] === window.date)
    return day ? [{ day, time: window.time, isOnce: true }] : []
  })
}

/** Each weekday's date in the week (Monday to Sunday) that holds `now` in `zone`. */
export function weekDatesAround(now: number, zone: string): Record<Weekday, string> {
  const today = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone).toPlainDate()
  const monday = today.subtract({ days: today.dayOfWeek - 1 })
  const dates = {} as Record<Weekday, string>
  weekdays.forEach((day, index) => {
    dates[day] = monday.add({ days: index }).toString()
  })
  return dates
}

/** A calendar event's part on one day of the week shown, in minutes of that day. */
export type EventPiece = {
  day: Weekday
  from: number
  to: number
  title: string
  kind: CalendarInterval['kind']
}

/**
 * The calendar's meetings, focus events and absences on the week grid, each
 * cut at midnight into the days it covers; only days of the week shown
 * (`weekDates`) get pieces.
 */
export function eventPieces(
  calendar: readonly CalendarInterval[],
  weekDates: Readonly<Record<Weekday, string>>,
  zone: string,
): EventPiece[] {
  const dayOfDate = new Map(weekdays.map((day) => [weekDates[day], day]))
  const pieces: EventPiece[] = []
  for (const interval of calendar) {
    let cursor = Temporal.Instant.fromEpochMilliseconds(interval.start).toZonedDateTimeISO(zone)
    const end = Temporal.Instant.fromEpochMilliseconds(interval.end).toZonedDateTimeISO(zone)
    for (let guard = 0; guard < 60 && Temporal.ZonedDateTime.compare(cursor, end) < 0; guard++) {
      const nextDay = cursor.toPlainDate().add({ days: 1 }).toZonedDateTime({ timeZone: zone })
      const pieceEnd = Temporal.ZonedDateTime.compare(end, nextDay) < 0 ? end : nextDay
      const day = dayOfDate.get(cursor.toPlainDate().toString())
      const from = cursor.hour * 60 + cursor.minute
      const to = pieceEnd.equals(nextDay) ? dayMinutes : pieceEnd.hour * 60 + pieceEnd.minute
      if (day && to > from) pieces.push({ day, from, to, title: interval.title, kind: interval.kind })
      cursor = nextDay
    }
  }
  return pieces
}
