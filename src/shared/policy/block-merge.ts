// Deep-work blocks as settings save them: kept as the user wrote them, with
// only exact repeats dropped, and a note where blocks overlap or together
// leave the whole week to deep work.
//
// Overlapping blocks are not rewritten into one, because that would change
// what they shield. The schedule resolves each block's start and end on its
// own, and a wall time that a DST gap skips happens at the shifted instant,
// the same one as the time a gap later. In New York on Sunday 2026-03-08,
// 01:00–03:00 with 01:30–02:30 shields until 03:30 (02:30 becomes 03:30),
// while 01:00–03:00 alone ends at 03:00; 01:00–03:10 with 02:30–04:00
// leaves 03:10–03:30 open, which no set of non-overlapping blocks can say
// while still shielding 01:00–04:00 on every other day. The zone may change
// or follow the system's, so no rewrite is safe in every zone, except
// dropping a block's day that repeats an earlier one exactly: it resolves to
// the very same instants. The schedule merges the resulting intervals anyway.
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
type Occurrence = { start: number; end: number }
type Span = { start: number; end: number }

export type BlockCheck = { blocks: DeepWorkBlock[]; notes: string[] }

export const wholeWeekNote =
  "Deep work now covers the whole week, so check-ins never come: only 'Check in now' delivers held items. Shorten a deep-work block to make room for them."

export function checkDeepWorkBlocks(blocks: readonly DeepWorkBlock[]): BlockCheck {
  const { kept, notes } = dropRepeatedBlocks(blocks)
  const occurrences = kept.flatMap(occurrencesOf)
  const spans = overlapComponents(occurrences).map((component) => ({
    count: component.length,
    span: circularUnion(component.map((i) => occurrences[i]!)),
  }))
  const isWholeWeek = coversWholeWeek(occurrences)
  return {
    blocks: kept,
    notes: [...notes, ...overlapNotes(spans), ...(isWholeWeek ? [wholeWeekNote] : [])],
  }
}

/** A block on a day already given the same start and end by an earlier block adds nothing, so that day goes. */
function dropRepeatedBlocks(blocks: readonly DeepWorkBlock[]): { kept: DeepWorkBlock[]; notes: string[] } {
  const seen = new Set<string>()
  const kept: DeepWorkBlock[] = []
  const notes: string[] = []
  for (const block of blocks) {
    const days = sortDays(block.days)
    const key = (day: string) => `${day} ${block.start} ${block.end}`
    const fresh = days.filter((day) => !seen.has(key(day)))
    const repeated = days.filter((day) => !fresh.includes(day))
    for (const day of fresh) seen.add(key(day))
    if (repeated.length > 0) {
      notes.push(
        `Removed a duplicate deep-work block ${block.start}–${block.end} on ${formatDayList(repeated)}.`,
      )
    }
    if (fresh.length > 0) kept.push({ ...block, days: fresh })
  }
  return { kept, notes }
}

function occurrencesOf(block: DeepWorkBlock): Occurrence[] {
  const start = wallTimeToMinutes(block.start)
  const end = wallTimeToMinutes(block.end)
  // End before start: the block crosses midnight into the next day.
  const length = end > start ? end - start : end + minutesPerDay - start
  return block.days.map((day) => {
    const at = dayIndex(day) * minutesPerDay + start
    return { start: at, end: at + length }
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

/** Whether the blocks, overlapping or only touching, leave no minute of the week free. */
function coversWholeWeek(occurrences: readonly Occurrence[]): boolean {
  // Blocks running past Sunday midnight cover Monday from 00:00.
  let reach = Math.max(0, ...occurrences.map((o) => o.end - minutesPerWeek))
  for (const span of [...occurrences].sort((a, b) => a.start - b.start)) {
    if (span.start > reach) return false
    reach = Math.max(reach, span.end)
  }
  return reach >= minutesPerWeek
}

/**
 * One note per kind of overlap, the days gathered: 'Two deep-work blocks
 * overlap on Mon-Fri; together they run 09:00–12:00.' Overlaps that cover
 * the whole week are told by the whole-week note alone.
 */
function overlapNotes(groups: ReadonlyArray<{ count: number; span: Span }>): string[] {
  const sameDay = new Map<string, number[]>()
  const longer: string[] = []
  for (const { count, span } of groups) {
    const length = span.end - span.start
    if (length >= minutesPerWeek) continue
    if (length >= minutesPerDay) {
      longer.push(
        `${blocksOverlap(count)}; together they run from ${weekClock(span.start)} to ${weekClock(span.end)}.`,
      )
    } else {
      const key = `${count}|${minutesToWallTime(span.start)}–${minutesToWallTime(span.end)}`
      sameDay.set(key, [...(sameDay.get(key) ?? []), Math.floor(span.start / minutesPerDay) % 7])
    }
  }
  const daily = Array.from(sameDay, ([key, days]) => {
    const [count, range] = key.split('|')
    return `${blocksOverlap(Number(count))} on ${formatDayList(days.map(dayAt))}; together they run ${range}.`
  })
  return [...daily, ...longer]
}

function blocksOverlap(count: number): string {
  const word = countWord(count)
  return `${word.charAt(0).toUpperCase()}${word.slice(1)} deep-work blocks overlap`
}

function weekClock(minutes: number): string {
  return `${dayLabel(dayAt(Math.floor(minutes / minutesPerDay)))} ${minutesToWallTime(minutes)}`
}
