// Weekly wall-clock schedules (check-in windows, deep-work blocks) turned
// into instants in an IANA zone. Temporal does every zone conversion, with
// 'compatible' disambiguation: a wall time skipped by a DST gap happens at
// the shifted instant, one repeated by an overlap happens at the earlier one.
import { Temporal } from 'temporal-polyfill'
import type { CheckInWindow, DeepWorkBlock, OneOffCheckIn, Settings, Weekday, WeeklyCheckIn } from '../model'
import { isOneOff, weekdays } from '../model'
import { ChunkCache } from './chunk-cache'

export type Interval = { start: number; end: number }

const dayMs = 24 * 60 * 60_000
/** Instants are cached in UTC-aligned chunks of this width, so a lookup is a map hit and a search. */
const chunkMs = 7 * dayMs
/** A block lasts under a day of wall time; DST or a skipped calendar day can stretch it by up to a day. */
const longestBlockMs = 3 * dayMs

/** The zone the schedule is read in: the settings' zone, else the system's, else UTC. */
export function resolveTimeZone(settings: Settings, systemZone: string): string {
  if (settings.timeZone !== null && isTimeZone(settings.timeZone)) return settings.timeZone
  return isTimeZone(systemZone) ? systemZone : 'UTC'
}

function isTimeZone(zone: string): boolean {
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(zone)
    return true
  } catch {
    return false
  }
}

/** The calendar date of `at` in `zone`, as 'YYYY-MM-DD'. */
export function localDateText(at: number, zone: string): string {
  return localDate(at, zone).toString()
}

/** The wall-clock time of `at` in `zone`, as 'HH:MM'. */
export function wallTimeText(at: number, zone: string): string {
  const time = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone)
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`
}

function localDate(at: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone).toPlainDate()
}

function weekdayOf(date: Temporal.PlainDate): Weekday {
  return weekdays[date.dayOfWeek - 1] ?? 'mon'
}

function instantOf(date: Temporal.PlainDate, time: Temporal.PlainTime, zone: string): number {
  return date.toZonedDateTime({ timeZone: zone, plainTime: time }).epochMilliseconds
}

/**
 * Every local date whose wall times can land in (from, to]. The margins
 * cover a DST gap pushing one day's times into the next and an overlap
 * across midnight pulling the next day's times back.
 */
function datesAround(zone: string, from: number, to: number): Temporal.PlainDate[] {
  const dates: Temporal.PlainDate[] = []
  const last = localDate(to, zone).add({ days: 1 })
  for (
    let date = localDate(from, zone).subtract({ days: 2 });
    Temporal.PlainDate.compare(date, last) <= 0;
  ) {
    dates.push(date)
    date = date.add({ days: 1 })
  }
  return dates
}

/**
 * The weekly check-ins and the one-offs apart. With no one-off (the usual
 * case) the weekly list is the very array given, so the caches below keep
 * their fast path on its identity.
 */
function splitCheckIns(checkIns: readonly CheckInWindow[]): {
  weekly: WeeklyCheckIn[]
  oneOffs: OneOffCheckIn[]
} {
  if (!checkIns.some(isOneOff)) return { weekly: checkIns as WeeklyCheckIn[], oneOffs: [] }
  const weekly: WeeklyCheckIn[] = []
  const oneOffs: OneOffCheckIn[] = []
  for (const window of checkIns) {
    if (isOneOff(window)) oneOffs.push(window)
    else weekly.push(window)
  }
  return { weekly, oneOffs }
}

/** The instant a one-off check-in happens at in `zone`. */
export function oneOffInstant(checkIn: OneOffCheckIn, zone: string): number {
  return instantOf(Temporal.PlainDate.from(checkIn.date), Temporal.PlainTime.from(checkIn.time), zone)
}

/** The scheduled check-in instants t with from < t <= to, sorted, each instant once. */
export function checkInTimesBetween(
  checkIns: readonly CheckInWindow[],
  zone: string,
  from: number,
  to: number,
): number[] {
  if (to <= from || checkIns.length === 0) return []
  const { weekly, oneOffs } = splitCheckIns(checkIns)
  const windows = weekly.map((window) => ({
    days: window.days,
    time: Temporal.PlainTime.from(window.time),
  }))
  const found = new Set<number>()
  for (const checkIn of oneOffs) {
    const at = oneOffInstant(checkIn, zone)
    if (at > from && at <= to) found.add(at)
  }
  if (windows.length === 0) return [...found].sort((a, b) => a - b)
  for (const date of datesAround(zone, from, to)) {
    const weekday = weekdayOf(date)
    for (const window of windows) {
      if (!window.days.includes(weekday)) continue
      const at = instantOf(date, window.time, zone)
      if (at > from && at <= to) found.add(at)
    }
  }
  return [...found].sort((a, b) => a - b)
}

/** Each block's concrete interval for every day it runs, unmerged; starts in [from, to). */
function rawBlockIntervals(blocks: DeepWorkBlock[], zone: string, from: number, to: number): Interval[] {
  const parsed = blocks.map((block) => ({
    days: block.days,
    start: Temporal.PlainTime.from(block.start),
    end: Temporal.PlainTime.from(block.end),
    crossesMidnight: block.end < block.start,
  }))
  const intervals: Interval[] = []
  for (const date of datesAround(zone, from, to)) {
    const weekday = weekdayOf(date)
    for (const block of parsed) {
      if (!block.days.includes(weekday)) continue
      const start = instantOf(date, block.start, zone)
      const end = instantOf(block.crossesMidnight ? date.add({ days: 1 }) : date, block.end, zone)
      // A block squeezed to nothing by a DST gap simply does not happen that day.
      if (end > start && start >= from && start < to) intervals.push({ start, end })
    }
  }
  return intervals
}

const checkInChunks = new ChunkCache<number[]>()
const blockChunks = new ChunkCache<Interval[]>()

/** The weekly check-ins in chunk k, that is in (k·chunk, (k+1)·chunk]. */
function checkInChunk(checkIns: WeeklyCheckIn[], zone: string, k: number): number[] {
  return checkInChunks.get(checkIns, zone, k, () =>
    checkInTimesBetween(checkIns, zone, k * chunkMs, (k + 1) * chunkMs),
  )
}

/** The block intervals that start in chunk k, that is in [k·chunk, (k+1)·chunk). */
function blockChunk(blocks: DeepWorkBlock[], zone: string, k: number): Interval[] {
  return blockChunks.get(blocks, zone, k, () =>
    rawBlockIntervals(blocks, zone, k * chunkMs, (k + 1) * chunkMs),
  )
}

/** The first scheduled check-in strictly after `after`, or null when none is scheduled. */
export function nextRawCheckIn(
  checkIns: readonly CheckInWindow[],
  zone: string,
  after: number,
): number | null {
  const { weekly, oneOffs } = splitCheckIns(checkIns)
  let next: number | null = null
  for (const checkIn of oneOffs) {
    const at = oneOffInstant(checkIn, zone)
    if (at > after && (next === null || at < next)) next = at
  }
  if (!weekly.some((window) => window.days.length > 0)) return next
  const first = Math.floor(after / chunkMs)
  // A weekly schedule repeats within 7 days (8 with DST), so three chunks always hold the next one.
  for (let k = first; k <= first + 2; k++) {
    const times = checkInChunk(weekly, zone, k)
    const index = firstAbove(times, after)
    if (index < times.length) {
      const at = times[index] ?? null
      return next === null || (at !== null && at < next) ? at : next
    }
  }
  return next
}

/** Index of the first element greater than `value` in a sorted array. */
function firstAbove(sorted: number[], value: number): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((sorted[middle] ?? 0) > value) high = middle
    else low = middle + 1
  }
  return low
}

/**
 * The blocks' concrete intervals overlapping [from, to), including one that
 * began the day before and crosses midnight; overlapping or touching
 * intervals are merged. Intervals are whole, not clipped to [from, to).
 */
export function blockIntervalsBetween(
  blocks: DeepWorkBlock[],
  zone: string,
  from: number,
  to: number,
): Interval[] {
  if (to <= from || blocks.length === 0) return []
  const overlapping: Interval[] = []
  const last = Math.floor((to - 1) / chunkMs)
  for (let k = Math.floor((from - longestBlockMs) / chunkMs); k <= last; k++) {
    for (const interval of blockChunk(blocks, zone, k)) {
      if (interval.start < to && interval.end > from) overlapping.push(interval)
    }
  }
  return mergeIntervals(overlapping)
}

/** Sorts and merges intervals that overlap or touch. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start)
  const merged: Interval[] = []
  for (const interval of sorted) {
    const previous = merged.at(-1)
    if (previous && interval.start <= previous.end) previous.end = Math.max(previous.end, interval.end)
    else merged.push({ ...interval })
  }
  return merged
}
