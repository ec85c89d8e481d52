// Focus: a session started, extended or ended; the week as a grid of
// deep-work blocks and check-ins (each check-in on its own days, a one-off
// only on its date), edited by dragging on a day (a new block), by keys on
// a block (arrows move it, shift+arrows change its end, Delete removes it)
// or by typing; each account's switch for setting its status while
// focus is on; and the reply to Slack DMs held during deep work. Saved whole through the settings validation, whose notes say
// when blocks overlap, touch or leave no check-in.
import { useLiveQuery } from 'dexie-react-hooks'
import { type PointerEvent, useRef, useState } from 'react'
import { type DeepWorkBlock, type Settings, type Weekday, weekdays } from '../../../shared/model'
import {
  blockFromDrag,
  blockPieces,
  type CheckInMark,
  type CheckInRow,
  type CheckInRowProblems,
  checkInMarks,
  checkInsFromRows,
  type EventPiece,
  eventPieces,
  formatBlockList,
  gridStepMinutes,
  localDateText,
  parseBlockList,
  rowsFromCheckIns,
  shiftBlock,
  weekDatesAround,
} from '../../../shared/policy'
import { dayLabel, wallTimeToMinutes } from '../../../shared/policy/week'
import { useServices } from '../../app-context'
import { listAccounts } from '../../db/repositories'
import { type Attention, useAttention } from '../../hooks/use-attention'
import { Button } from '../../ui/Button'
import { Switch } from '../../ui/Choice'
import { Field } from '../../ui/Field'
import { formatClock } from '../../ui/format'
import { PageHeader } from '../../ui/PageHeader'
import { Section } from '../../ui/Section'
import { CheckInTimes } from '../settings/CheckInTimes'
import { DmReplySection } from './DmReplySection'

const dayMinutes = 24 * 60
/** A position on a day's column, in per cent of its height. */
const dayPercent = (minutes: number) => `${((minutes / dayMinutes) * 100).toFixed(3)}%`

type Messages = { errors: string[]; notes: string[] }

export function FocusView() {
  const attention = useAttention()
  // Kept here: the editor starts afresh from the saved week after each save, and says what the save did.
  const [messages, setMessages] = useState<Messages>({ errors: [], notes: [] })
  return (
    <div className="focus-view">
      <PageHeader
        title="Focus"
        description="Deep work holds even check-ins until it ends; only urgent rules break through."
      />
      {attention ? (
        <>
          <ManualFocus attention={attention} />
          <FocusEditor
            key={JSON.stringify(attention.settings)}
            attention={attention}
            messages={messages}
            setMessages={setMessages}
          />
          <StatusSwitches />
          <DmReplySection attention={attention} />
        </>
      ) : (
        <p className="loading">Loading…</p>
      )}
    </div>
  )
}

function FocusEditor({
  attention,
  messages,
  setMessages,
}: {
  attention: Attention
  messages: Messages
  setMessages(messages: Messages): void
}) {
  const { engine } = useServices()
  const [blocks, setBlocks] = useState<DeepWorkBlock[]>(attention.settings.deepWorkBlocks)
  const today = localDateText(attention.now, attention.zone)
  const [rows, setRows] = useState<CheckInRow[]>(() => rowsFromCheckIns(attention.settings.checkIns, today))
  const [rowProblems, setRowProblems] = useState<CheckInRowProblems[] | undefined>(undefined)
  const [typedBlocks, setTypedBlocks] = useState('')
  const [typedProblem, setTypedProblem] = useState<string | null>(null)
  const parsedRows = checkInsFromRows(rows)
  const marks = checkInMarks(
    parsedRows.ok ? parsedRows.value : [],
    weekDatesAround(attention.now, attention.zone),
  )

  async function save(nextBlocks: DeepWorkBlock[]) {
    if (!parsedRows.ok) {
      setRowProblems(parsedRows.problems)
      return setMessages({ errors: ['Some check-in times need a look: see above.'], notes: [] })
    }
    setRowProblems(undefined)
    const next: Settings = { ...attention.settings, checkIns: parsedRows.value, deepWorkBlocks: nextBlocks }
    const result = await engine.saveSettings(next)
    setMessages(
      result.ok
        ? { errors: [], notes: ['Saved.', ...result.notes] }
        : { errors: result.errors.map((error) => `${error.path}: ${error.message}`), notes: [] },
    )
  }

  function addTyped() {
    const parsed = parseBlockList(typedBlocks)
    if (!parsed.ok) return setTypedProblem(parsed.errors.join(' '))
    setTypedProblem(null)
    setBlocks([...blocks, ...parsed.value])
    setTypedBlocks('')
  }

  return (
    <Section
      title="Your week"
      headingId="focus-heading"
      description={`Drag down a day to add a deep-work block. Select a block and use the arrow keys to move it by ${gridStepMinutes} minutes, Shift with the arrows to change its end, Delete to remove it. Lines are check-ins. Nothing is kept until you save.`}
    >
      <WeekGrid
        blocks={blocks}
        marks={marks}
        events={eventPieces(
          attention.calendar,
          weekDatesAround(attention.now, attention.zone),
          attention.zone,
        )}
        onChange={setBlocks}
      />
      <p className="muted focus-blocks-now">
        Blocks now: {blocks.length === 0 ? 'none' : formatBlockList(blocks).replaceAll('\n', '; ')}
      </p>
      <div className="focus-add-blocks">
        <Field
          label="Add blocks by typing"
          help="Like Mon-Fri 09:00-11:30; 22:00-01:00 crosses midnight."
          error={typedProblem}
        >
          <input
            value={typedBlocks}
            placeholder="Mon-Fri 09:00-11:30"
            autoComplete="off"
            onChange={(event) => setTypedBlocks(event.target.value)}
          />
        </Field>
        <Button onClick={addTyped}>Add</Button>
      </div>
      <fieldset className="focus-check-ins">
        <legend>Check-in times</legend>
        <p className="field-help">Each time has its own days. One inside deep work waits for its end.</p>
        <CheckInTimes rows={rows} {...(rowProblems ? { problems: rowProblems } : {})} onChange={setRows} />
      </fieldset>
      {messages.errors.length > 0 ? (
        <ul className="focus-errors" role="alert">
          {messages.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      <div className="focus-save">
        {messages.notes.length > 0 ? (
          <ul className="focus-notes" role="status">
            {messages.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        ) : null}
        <Button variant="primary" onClick={() => void save(blocks)}>
          Save the week
        </Button>
      </div>
    </Section>
  )
}

function WeekGrid(props: {
  blocks: DeepWorkBlock[]
  marks: CheckInMark[]
  /** Calendar events this week, drawn behind the blocks; a drag passes through them. */
  events: EventPiece[]
  onChange(blocks: DeepWorkBlock[]): void
}) {
  const [drag, setDrag] = useState<{ day: Weekday; from: number; to: number } | null>(null)
  const columns = useRef(new Map<Weekday, HTMLDivElement>())
  const minutesAt = (day: Weekday, event: PointerEvent) => {
    const column = columns.current.get(day)
    if (!column) return 0
    const box = column.getBoundingClientRect()
    return ((event.clientY - box.top) / box.height) * dayMinutes
  }
  const pieces = blockPieces(props.blocks)

  function onBlockKey(index: number, key: string, isShift: boolean) {
    const block = props.blocks[index]
    if (!block) return false
    if (key === 'Delete' || key === 'Backspace') {
      props.onChange(props.blocks.filter((_, other) => other !== index))
      return true
    }
    const step = key === 'ArrowDown' ? gridStepMinutes : key === 'ArrowUp' ? -gridStepMinutes : 0
    if (step === 0) return false
    props.onChange(
      props.blocks.map((other, at) =>
        at === index ? shiftBlock(block, step, isShift ? 'end' : 'both') : other,
      ),
    )
    return true
  }

  return (
    <fieldset className="week-grid">
      <legend className="visually-hidden">Deep-work blocks and check-ins, Monday to Sunday</legend>
      <div className="week-hours" aria-hidden="true">
        {Array.from({ length: 24 }, (_, hour) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the hours of a day never move
          <span key={hour} style={{ top: dayPercent(hour * 60) }}>
            {String(hour).padStart(2, '0')}
          </span>
        ))}
      </div>
      {weekdays.map((day) => (
        <div key={day} className="week-day">
          <div className="week-day-name">{dayLabel(day)}</div>
          <div
            className="week-day-column"
            data-day={day}
            ref={(element) => {
              if (element) columns.current.set(day, element)
            }}
            onPointerDown={(event) => {
              if (event.target !== event.currentTarget) return
              const at = minutesAt(day, event)
              event.currentTarget.setPointerCapture(event.pointerId)
              setDrag({ day, from: at, to: at })
            }}
            onPointerMove={(event) => {
              if (drag?.day === day) setDrag({ ...drag, to: minutesAt(day, event) })
            }}
            onPointerUp={() => {
              if (drag?.day !== day) return
              props.onChange([...props.blocks, blockFromDrag(day, drag.from, drag.to)])
              setDrag(null)
            }}
          >
            {props.events
              .filter((piece) => piece.day === day)
              .map((piece) => (
                <div
                  key={`${piece.from}-${piece.title}`}
                  className={`week-event is-${piece.kind}`}
                  data-testid="week-event"
                  style={{ top: dayPercent(piece.from), height: dayPercent(piece.to - piece.from) }}
                  title={piece.title}
                >
                  {piece.title}
                </div>
              ))}
            {props.marks
              .filter((mark) => mark.day === day)
              .map((mark) => (
                <div
                  key={`${mark.time}-${mark.isOnce}`}
                  className={`week-check-in${mark.isOnce ? ' is-once' : ''}`}
                  data-testid="week-check-in"
                  data-time={mark.time}
                  style={{ top: dayPercent(wallTimeToMinutes(mark.time)) }}
                  title={mark.isOnce ? `Check-in ${mark.time}, once` : `Check-in ${mark.time}`}
                />
              ))}
            {pieces
              .filter((piece) => piece.day === day)
              .map((piece) => {
                const block = props.blocks[piece.blockIndex]
                return (
                  <button
                    // Keyed by block, day and part, not position, so a block keeps the focus while its keys move it.
                    key={`${piece.blockIndex}-${day}-${piece.part}`}
                    type="button"
                    className="week-block"
                    data-block={piece.blockIndex}
                    style={{ top: dayPercent(piece.from), height: dayPercent(piece.to - piece.from) }}
                    aria-label={`Deep work ${dayLabel(day)} ${block?.start}–${block?.end}. Arrows move it, Shift with arrows changes its end, Delete removes it.`}
                    onKeyDown={(event) => {
                      if (onBlockKey(piece.blockIndex, event.key, event.shiftKey)) event.preventDefault()
                    }}
                  >
                    {block?.start}–{block?.end}
                  </button>
                )
              })}
            {drag?.day === day ? (
              <div
                className="week-block week-block-draft"
                style={{
                  top: dayPercent(Math.min(drag.from, drag.to)),
                  height: dayPercent(Math.abs(drag.to - drag.from)),
                }}
              />
            ) : null}
          </div>
        </div>
      ))}
    </fieldset>
  )
}

function ManualFocus({ attention }: { attention: Attention }) {
  const { engine } = useServices()
  const [minutes, setMinutes] = useState('50')
  const [problem, setProblem] = useState<string | null>(null)
  const session = attention.session
  return (
    <Section title="Focus now" headingId="manual-focus-heading" className="manual-focus">
      {session ? (
        <div className="manual-focus-running">
          <p className="manual-focus-state">
            Focusing{' '}
            {session.endsAt === null
              ? 'until you stop'
              : `until ${formatClock(session.endsAt, attention.zone)}`}
            .
          </p>
          <Button onClick={() => void engine.extendFocus(15)}>+15 min</Button>
          <Button variant="primary" onClick={() => void engine.endFocus()}>
            End focus
          </Button>
        </div>
      ) : (
        <form
          className="manual-focus-form"
          aria-labelledby="manual-focus-heading"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            const value = Number(minutes)
            if (!Number.isInteger(value) || value < 1 || value > 24 * 60)
              return setProblem('Type a whole number of minutes, from 1 to 1440.')
            setProblem(null)
            void engine.startFocus({ kind: 'minutes', minutes: value })
          }}
        >
          <Field label="Minutes" error={problem} className="manual-focus-minutes">
            <input inputMode="numeric" value={minutes} onChange={(event) => setMinutes(event.target.value)} />
          </Field>
          <button type="submit" className="primary">
            Focus
          </button>
          <Button onClick={() => void engine.startFocus({ kind: 'until-check-in' })}>
            Until the next check-in
          </Button>
          <Button onClick={() => void engine.startFocus({ kind: 'until-stopped' })}>Until I stop</Button>
        </form>
      )}
    </Section>
  )
}

function StatusSwitches() {
  const { db, engine } = useServices()
  const accounts = useLiveQuery(() => listAccounts(db), [db])
  if (!accounts) return null
  return (
    <Section title="While I focus" headingId="status-switches-heading" className="status-switches">
      {accounts.length === 0 ? (
        <p className="muted">Connect an account to set your status there while you focus.</p>
      ) : (
        accounts.map((account) => (
          <Switch
            key={account.id}
            label={`Set my status on ${account.label} to busy`}
            checked={account.isFocusStatusOn === true}
            onChange={(isOn) => void engine.updateAccount(account.id, { isFocusStatusOn: isOn })}
          />
        ))
      )}
    </Section>
  )
}
