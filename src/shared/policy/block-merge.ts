// Overlapping deep-work blocks are merged when settings are saved, so the
// schedule never has to reason about two blocks covering the same minute.
// Blocks are laid out on a circular week (Sunday night runs into Monday
// morning); only the days that overlap are reshaped, the rest stay as the
// user wrote them.
import type { DeepWorkBlock } from '../model'
import {
  countWord,
  dayAt,
  dayIndex,
  dayLabel,
  formatDayList,
  minutesPerDay,
  minutesPerWeek,
  minutesToWallTime,
  sortDays,
  wallTimeToMinutes,
} from './week'

/** One day's occurrence of a block, in minutes from Monday 00:00; `end` may pass the week's end. */
type Occurrence = { block: number; day: number; start: number; end: number }
type Span = { start: number; end: number }
/** A piece of a merged span that one DeepWorkBlock can say: under a day long, on one start day. */
type Piece = { day: number; start: number; end: number }

export type BlockMerge = { blocks: DeepWorkBlock[]; notes: string[] }

export function mergeOverlappingBlocks(blocks: readonly DeepWorkBlock[]): BlockMerge {
  const occurrences = blocks.flatMap((block, index) => occurrencesOf(block, index))
  const components = overlapComponents(occurrences)
  const merged = new Set(components.flat())
  if (merged.size === 0) {
    return { blocks: blocks.map((block) => ({ ...block, days: sortDays(block.days) })), notes: [] }
  }

  const mergedDays = occurrences.filter((_, i) => merged.has(i))
  const kept = blocks.flatMap((block, index) => {
    const days = sortDays(block.days).filter(
      (day) => !mergedDays.some((o) => o.block === index && o.day === dayIndex(day)),
    )
    return days.length === 0 ? [] : [{ ...block, days }]
  })

  const spans = components.map((component) => circularUnion(component.map((i) => occurrences[i]!)))
  const pieces = spans.flatMap(piecesOf)
  return {
    blocks: [...kept, ...blocksFromPieces(pieces)],
    notes: mergeNotes(components.map((component, i) => ({ count: component.length, span: spans[i]! }))),
  }
}

function occurrencesOf(block: DeepWorkBlock, index: number): Occurrence[] {
  const start = wallTimeToMinutes(block.start)
  const end = wallTimeToMinutes(block.end)
  // End before start: the block crosses midnight into the next day.
  const length = end > start ? end - start : end + minutesPerDay - start
  return sortDays(block.days).map((day) => {
    const at = dayIndex(day) * minutesPerDay + start
    return { block: index, day: dayIndex(day), start: at, end: at + length }
  })
}

/** Whether two spans share a minute on the circular week. Touching is not overlapping. */
function overlaps(a: Span, b: Span): boolean {
  return [-minutesPerWeek, 0, minutesPerWeek].some(
    (shift) => a.start < b.end + shift && b.start + shift < a.end,
  )
}

/** Groups (as occurrence indexes) of two or more occurrences linked by overlaps. */
function overlapComponents(occurrences: readonly Occurrence[]): number[][] {
  const parent = occurrences.map((_, i) => i)
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!
    return i
  }
  for (let a = 0; a < occurrences.length; a++) {
    for (let b = a + 1; b < occurrences.length; b++) {
      if (overlaps(occurrences[a]!, occurrences[b]!)) parent[root(b)] = root(a)
    }
  }
  const byRoot = new Map<number, number[]>()
  occurrences.forEach((_, i) => {
    byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), i])
  })
  return [...byRoot.values()].filter((component) => component.length > 1)
}

/** The union of spans connected by overlaps: one span, at most a week long. */
function circularUnion(spans: readonly Span[]): Span {
  const sorted = spans.map((s) => ({ ...s })).sort((a, b) => a.start - b.start)
  const joined: Span[] = []
  for (const span of sorted) {
    const last = joined[joined.length - 1]
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end)
    else joined.push(span)
  }
  // The last span may run past Sunday midnight into the first ones.
  while (joined.length > 1 && joined[joined.length - 1]!.end - minutesPerWeek >= joined[0]!.start) {
    const first = joined.shift()!
    const last = joined[joined.length - 1]!
    last.end = Math.max(last.end, first.end + minutesPerWeek)
  }
  const span = joined[0]!
  return { start: span.start, end: Math.min(span.end, span.start + minutesPerWeek) }
}

/**
 * A block says at most just under a day, so a longer span is cut at each
 * midnight; a whole day (which 'start-end' cannot say) is cut again at noon.
 */
function piecesOf(span: Span): Piece[] {
  if (span.end - span.start < minutesPerDay) {
    return [{ day: Math.floor(span.start / minutesPerDay) % 7, start: span.start, end: span.end }]
  }
  const pieces: Piece[] = []
  for (let at = span.start; at < span.end; ) {
    const day = Math.floor(at / minutesPerDay)
    const midnight = (day + 1) * minutesPerDay
    const end = Math.min(midnight, span.end)
    if (end - at === minutesPerDay) {
      const noon = at + minutesPerDay / 2
      pieces.push({ day: day % 7, start: at, end: noon }, { day: day % 7, start: noon, end })
    } else {
      pieces.push({ day: day % 7, start: at, end })
    }
    at = end
  }
  return pieces
}

/** Pieces with the same times share one block, Monday first. */
function blocksFromPieces(pieces: readonly Piece[]): DeepWorkBlock[] {
  const byTimes = new Map<string, DeepWorkBlock>()
  const ordered = [...pieces].sort(
    (a, b) => a.day - b.day || (a.start % minutesPerDay) - (b.start % minutesPerDay),
  )
  for (const piece of ordered) {
    const start = minutesToWallTime(piece.start)
    const end = minutesToWallTime(piece.end)
    const block = byTimes.get(`${start}-${end}`)
    if (block) block.days = sortDays([...block.days, dayAt(piece.day)])
    else byTimes.set(`${start}-${end}`, { days: [dayAt(piece.day)], start, end })
  }
  return [...byTimes.values()]
}

/** One note per kind of merge, the days gathered: 'Merged two overlapping deep-work blocks on Mon-Fri into 09:00–12:00.' */
function mergeNotes(merges: ReadonlyArray<{ count: number; span: Span }>): string[] {
  const sameDay = new Map<string, number[]>()
  const longer: string[] = []
  for (const { count, span } of merges) {
    const length = span.end - span.start
    const what = `Merged ${countWord(count)} overlapping deep-work blocks`
    if (length >= minutesPerWeek) {
      longer.push(`${what}: deep work now covers the whole week.`)
    } else if (length >= minutesPerDay) {
      longer.push(`${what} into one from ${weekClock(span.start)} to ${weekClock(span.end)}.`)
    } else {
      const key = `${count}|${minutesToWallTime(span.start)}–${minutesToWallTime(span.end)}`
      sameDay.set(key, [...(sameDay.get(key) ?? []), Math.floor(span.start / minutesPerDay) % 7])
    }
  }
  const daily = Array.from(sameDay, ([key, days]) => {
    const [count, range] = key.split('|')
    return `Merged ${countWord(Number(count))} overlapping deep-work blocks on ${formatDayList(days.map(dayAt))} into ${range}.`
  })
  return [...daily, ...longer]
}

function weekClock(minutes: number): string {
  return `${dayLabel(dayAt(Math.floor(minutes / minutesPerDay)))} ${minutesToWallTime(minutes)}`
}
