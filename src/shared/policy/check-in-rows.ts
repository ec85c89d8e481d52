// Check-in times as the forms edit them: one row a time, each with its own
// days, or its one date for a one-off. Rows parse back to the settings'
// check-ins with each problem said on the row and field it belongs to.
import type { CheckInWindow, Weekday } from '../model'
import { isOneOff } from '../model'
import { parseTime, timeHelp } from './settings-form'
import { dayLabel, sortDays, weekdayOfDate } from './week'

export type CheckInRow = {
  /** As typed: '9:30' is fine, it reads as 09:30. */
  time: string
  /** The days a weekly check-in happens on. */
  days: Weekday[]
  /** 'YYYY-MM-DD' for a one-off; null for a weekly check-in. */
  date: string | null
}

export type CheckInRowProblems = { time?: string; days?: string }

export type CheckInRowsParse =
  | { ok: true; value: CheckInWindow[] }
  | { ok: false; problems: CheckInRowProblems[] }

/** The rows for `checkIns`; a one-off whose day (before `today`, 'YYYY-MM-DD') has passed is left out. */
export function rowsFromCheckIns(checkIns: readonly CheckInWindow[], today: string): CheckInRow[] {
  return checkIns.flatMap((window): CheckInRow[] => {
    if (!isOneOff(window)) return [{ time: window.time, days: sortDays(window.days), date: null }]
    return window.date < today ? [] : [{ time: window.time, days: [], date: window.date }]
  })
}

/** The check-ins the rows describe, or each row's problems (an empty object for a row without any). */
export function checkInsFromRows(rows: readonly CheckInRow[]): CheckInRowsParse {
  const value: CheckInWindow[] = []
  const problems: CheckInRowProblems[] = rows.map((row) => {
    const time = parseTime(row.time.trim())
    const problem: CheckInRowProblems = {}
    if (time === null)
      problem.time =
        row.time.trim() === '' ? 'Type a time, like 09:30.' : `'${row.time}' isn't a time. ${timeHelp}`
    if (row.date === null && row.days.length === 0) problem.days = 'Pick at least one day.'
    if (time !== null && problem.days === undefined)
      value.push(row.date === null ? { days: sortDays(row.days), time } : { date: row.date, time })
    return problem
  })
  return problems.some((problem) => problem.time || problem.days)
    ? { ok: false, problems }
    : { ok: true, value }
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** '2026-03-11' → 'Wed 11 Mar'. */
export function formatDate(date: string): string {
  const [, month = 1, day = 1] = date.split('-').map(Number)
  return `${dayLabel(weekdayOfDate(date))} ${day} ${monthNames[month - 1] ?? ''}`
}
