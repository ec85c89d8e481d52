// Weekdays and wall-clock minutes as the settings forms and notes write them.
import type { Weekday } from '../model'
import { weekdays } from '../model'

export const minutesPerDay = 24 * 60
export const minutesPerWeek = 7 * minutesPerDay

const dayLabels: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
}

export function dayIndex(day: Weekday): number {
  return weekdays.indexOf(day)
}

export function dayAt(index: number): Weekday {
  return weekdays[((index % 7) + 7) % 7]!
}

export function dayLabel(day: Weekday): string {
  return dayLabels[day]
}

/** The weekday of a calendar date 'YYYY-MM-DD' (a valid LocalDate). */
export function weekdayOfDate(date: string): Weekday {
  // getUTCDay counts from Sunday; the week here starts on Monday.
  return dayAt(new Date(`${date}T00:00:00Z`).getUTCDay() - 1)
}

/** Each day once, Monday first: the order every form and note uses. */
export function sortDays(days: readonly Weekday[]): Weekday[] {
  return weekdays.filter((day) => days.includes(day))
}

/** 'Mon-Fri', 'Mon,Wed,Fri', 'Mon-Wed,Sat': runs of three or more become ranges. */
export function formatDayList(days: readonly Weekday[]): string {
  const indexes = sortDays(days).map(dayIndex)
  const parts: string[] = []
  let runStart = 0
  for (let i = 1; i <= indexes.length; i++) {
    if (i < indexes.length && indexes[i] === indexes[i - 1]! + 1) continue
    const run = indexes.slice(runStart, i).map(dayAt)
    if (run.length >= 3) parts.push(`${dayLabel(run[0]!)}-${dayLabel(run[run.length - 1]!)}`)
    else parts.push(...run.map(dayLabel))
    runStart = i
  }
  return parts.join(',')
}

/** '09:30' → 570. The input is a valid WallTime. */
export function wallTimeToMinutes(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number)
  return hours * 60 + minutes
}

/** 570 → '09:30'; whole days wrap, so a block ending at midnight reads '00:00'. */
export function minutesToWallTime(minutes: number): string {
  const inDay = ((minutes % minutesPerDay) + minutesPerDay) % minutesPerDay
  return `${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(inDay % 60).padStart(2, '0')}`
}

const countWords = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

/** Numbers in notes read as words up to ten, as a person would write them. */
export function countWord(count: number): string {
  return countWords[count] ?? String(count)
}
