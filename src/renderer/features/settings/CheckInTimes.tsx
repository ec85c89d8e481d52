// The check-in times as rows: each time with its own days (a toggle per
// day), or a one-off with its date, removable; problems are said on the
// row they belong to. Used by Settings, the Focus view and the first run.
import { Plus, X } from 'lucide-react'
import { useId } from 'react'
import { type Weekday, weekdays } from '../../../shared/model'
import { type CheckInRow, type CheckInRowProblems, formatDate } from '../../../shared/policy'
import { dayLabel } from '../../../shared/policy/week'
import { Button } from '../../ui/Button'
import { Field } from '../../ui/Field'

const workWeek: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri']

export function CheckInTimes(props: {
  rows: CheckInRow[]
  problems?: readonly CheckInRowProblems[]
  onChange(rows: CheckInRow[]): void
}) {
  const { rows } = props
  const change = (index: number, patch: Partial<CheckInRow>) =>
    props.onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)))
  return (
    <div className="check-in-times">
      {rows.length === 0 ? (
        <p className="muted check-in-times-empty">
          No check-in times: held messages wait until you press “Check in now”.
        </p>
      ) : (
        <ul className="check-in-rows">
          {rows.map((row, index) => {
            const problem = props.problems?.[index] ?? {}
            const name = row.time.trim() || `check-in ${index + 1}`
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their place; editing one keeps its place
              <li key={index} className="check-in-row" data-testid="check-in-row">
                <Field label="Time" error={problem.time ?? null} className="check-in-time">
                  <input
                    value={row.time}
                    inputMode="numeric"
                    placeholder="09:30"
                    autoComplete="off"
                    onChange={(event) => change(index, { time: event.target.value })}
                  />
                </Field>
                {row.date === null ? (
                  <DayToggles
                    name={name}
                    days={row.days}
                    problem={problem.days ?? null}
                    onChange={(days) => change(index, { days })}
                  />
                ) : (
                  <p className="check-in-once" data-testid="check-in-once">
                    Once, on {formatDate(row.date)}
                  </p>
                )}
                <Button
                  variant="quiet"
                  size="sm"
                  icon={X}
                  isIconOnly
                  className="check-in-remove"
                  onClick={() => props.onChange(rows.filter((_, at) => at !== index))}
                >
                  {`Remove check-in ${name}`}
                </Button>
              </li>
            )
          })}
        </ul>
      )}
      <Button
        size="sm"
        icon={Plus}
        onClick={() => props.onChange([...rows, { time: '', days: daysForNewRow(rows), date: null }])}
      >
        Add a check-in time
      </Button>
    </div>
  )
}

export function DayToggles(props: {
  name: string
  days: Weekday[]
  problem: string | null
  onChange(days: Weekday[]): void
}) {
  const errorId = useId()
  return (
    <div className="check-in-days">
      <fieldset
        className="day-toggles"
        aria-describedby={props.problem ? errorId : undefined}
        aria-invalid={props.problem ? true : undefined}
      >
        <legend>Days</legend>
        {weekdays.map((day) => {
          const isOn = props.days.includes(day)
          return (
            <button
              key={day}
              type="button"
              className="day-toggle"
              aria-pressed={isOn}
              onClick={() =>
                props.onChange(isOn ? props.days.filter((other) => other !== day) : [...props.days, day])
              }
            >
              {dayLabel(day)}
              <span className="visually-hidden"> for {props.name}</span>
            </button>
          )
        })}
      </fieldset>
      {props.problem ? (
        <p className="field-error" id={errorId} role="alert">
          {props.problem}
        </p>
      ) : null}
    </div>
  )
}

/** A new time starts on the days of the last weekly one, else on weekdays. */
function daysForNewRow(rows: readonly CheckInRow[]): Weekday[] {
  const last = rows.findLast((row) => row.date === null && row.days.length > 0)
  return last ? [...last.days] : workWeek
}
