// Focus: the week as a grid of deep-work blocks and check-ins, edited by
// dragging on a day (a new block), by keys on a block (arrows move it,
// shift+arrows change its end, Delete removes it) or by typing; a manual
// session started, extended or ended; and each account's switch for
// setting its status while focus is on. Saved whole through the settings
// validation, whose notes say when blocks overlap, touch or leave no
// check-in.
import { useLiveQuery } from 'dexie-react-hooks'
import { type PointerEvent, useRef, useState } from 'react'
import { type DeepWorkBlock, type Settings, type Weekday, weekdays } from '../../../shared/model'
import {
  blockFromDrag,
  blockPieces,
  formatBlockList,
  formatTimeList,
  gridStepMinutes,
  parseBlockList,
  parseTimeList,
  shiftBlock,
} from '../../../shared/policy'
import { dayLabel, wallTimeToMinutes } from '../../../shared/policy/week'
import { useServices } from '../../app-context'
import { listAccounts } from '../../db/repositories'
import { type Attention, useAttention } from '../../hooks/use-attention'
import { formatClock } from '../../ui/format'

const hourPx = 22
const dayPx = 24 * hourPx

type Messages = { errors: string[]; notes: string[] }

export function FocusView() {
  const attention = useAttention()
  // Kept here: the editor starts afresh from the saved week after each save, and says what the save did.
  const [messages, setMessages] = useState<Messages>({ errors: [], notes: [] })
  if (!attention) return <p className="loading">Loading…</p>
  return (
    <FocusEditor
      key={JSON.stringify(attention.settings)}
      attention={attention}
      messages={messages}
      setMessages={setMessages}
    />
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
  const [times, setTimes] = useState(formatTimeList(attention.settings.checkIns.map((window) => window.time)))
  const [typedBlocks, setTypedBlocks] = useState('')
  const days = attention.settings.checkIns[0]?.days ?? ['mon', 'tue', 'wed', 'thu', 'fri']

  async function save(nextBlocks: DeepWorkBlock[]) {
    const parsedTimes = parseTimeList(times)
    if (!parsedTimes.ok) return setMessages({ errors: parsedTimes.errors.map(String), notes: [] })
    const next: Settings = {
      ...attention.settings,
      checkIns: parsedTimes.value.map((time) => ({ days, time })),
      deepWorkBlocks: nextBlocks,
    }
    const result = await engine.saveSettings(next)
    setMessages(
      result.ok
        ? { errors: [], notes: ['Saved.', ...result.notes] }
        : { errors: result.errors.map((error) => `${error.path}: ${error.message}`), notes: [] },
    )
  }

  function addTyped() {
    const parsed = parseBlockList(typedBlocks)
    if (!parsed.ok) return setMessages({ errors: parsed.errors.map(String), notes: [] })
    setBlocks([...blocks, ...parsed.value])
    setTypedBlocks('')
  }

  return (
    <section className="focus-view" aria-labelledby="focus-heading">
      <h2 id="focus-heading">Your week</h2>
      <p className="muted">
        Drag down a day to add a deep-work block. Select a block and use the arrow keys to move it by{' '}
        {gridStepMinutes} minutes, Shift with the arrows to change its end, Delete to remove it. Lines are
        check-ins. Nothing is kept until you save.
      </p>
      <WeekGrid blocks={blocks} checkInTimes={parseTimeList(times)} days={days} onChange={setBlocks} />
      <div className="focus-forms">
        <label>
          Check-in times <input value={times} onChange={(event) => setTimes(event.target.value)} />
        </label>
        <label>
          Add blocks by typing{' '}
          <input
            value={typedBlocks}
            placeholder="Mon-Fri 09:00-11:30"
            onChange={(event) => setTypedBlocks(event.target.value)}
          />
        </label>
        <button type="button" onClick={addTyped}>
          Add
        </button>
        <p className="muted">
          Blocks now: {blocks.length === 0 ? 'none' : formatBlockList(blocks).replaceAll('\n', '; ')}
        </p>
      </div>
      {messages.errors.length > 0 ? (
        <ul className="errors" role="alert">
          {messages.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      ) : null}
      {messages.notes.length > 0 ? (
        <ul className="notes" role="status">
          {messages.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="primary" onClick={() => void save(blocks)}>
        Save the week
      </button>
      <ManualFocus attention={attention} />
      <StatusSwitches />
    </section>
  )
}

function WeekGrid(props: {
  blocks: DeepWorkBlock[]
  checkInTimes: ReturnType<typeof parseTimeList>
  days: Weekday[]
  onChange(blocks: DeepWorkBlock[]): void
}) {
  const [drag, setDrag] = useState<{ day: Weekday; from: number; to: number } | null>(null)
  const columns = useRef(new Map<Weekday, HTMLDivElement>())
  const minutesAt = (day: Weekday, event: PointerEvent) => {
    const column = columns.current.get(day)
    if (!column) return 0
    const top = column.getBoundingClientRect().top
    return ((event.clientY - top) / dayPx) * 24 * 60
  }
  const pieces = blockPieces(props.blocks)
  const checkIns = props.checkInTimes.ok ? props.checkInTimes.value : []

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
          <span key={hour} style={{ top: hour * hourPx }}>
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
            style={{ height: dayPx }}
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
            {props.days.includes(day)
              ? checkIns.map((time) => (
                  <div
                    key={time}
                    className="week-check-in"
                    style={{ top: (wallTimeToMinutes(time) / 60) * hourPx }}
                    title={`Check-in ${time}`}
                  />
                ))
              : null}
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
                    style={{
                      top: (piece.from / 60) * hourPx,
                      height: ((piece.to - piece.from) / 60) * hourPx,
                    }}
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
                  top: (Math.min(drag.from, drag.to) / 60) * hourPx,
                  height: (Math.abs(drag.to - drag.from) / 60) * hourPx,
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
  const session = attention.session
  return (
    <section className="manual-focus" aria-labelledby="manual-focus-heading">
      <h3 id="manual-focus-heading">Focus now</h3>
      {session ? (
        <p>
          Focusing{' '}
          {session.endsAt === null
            ? 'until you stop'
            : `until ${formatClock(session.endsAt, attention.zone)}`}
          .{' '}
          <button type="button" onClick={() => void engine.extendFocus(15)}>
            +15 min
          </button>{' '}
          <button type="button" onClick={() => void engine.endFocus()}>
            End focus
          </button>
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            const value = Number(minutes)
            if (Number.isInteger(value) && value >= 1 && value <= 24 * 60)
              void engine.startFocus({ kind: 'minutes', minutes: value })
          }}
        >
          <label>
            Minutes{' '}
            <input inputMode="numeric" value={minutes} onChange={(event) => setMinutes(event.target.value)} />
          </label>{' '}
          <button type="submit">Focus</button>{' '}
          <button type="button" onClick={() => void engine.startFocus({ kind: 'until-check-in' })}>
            Until the next check-in
          </button>{' '}
          <button type="button" onClick={() => void engine.startFocus({ kind: 'until-stopped' })}>
            Until I stop
          </button>
        </form>
      )}
    </section>
  )
}

function StatusSwitches() {
  const { db, engine } = useServices()
  const accounts = useLiveQuery(() => listAccounts(db), [db])
  if (!accounts) return null
  return (
    <section className="status-switches" aria-labelledby="status-switches-heading">
      <h3 id="status-switches-heading">While I focus</h3>
      {accounts.length === 0 ? (
        <p className="muted">Connect an account to set your status there while you focus.</p>
      ) : (
        accounts.map((account) => (
          <label key={account.id}>
            <input
              type="checkbox"
              checked={account.isFocusStatusOn === true}
              onChange={(event) =>
                void engine.updateAccount(account.id, { isFocusStatusOn: event.target.checked })
              }
            />{' '}
            Set my status on {account.label} to busy
          </label>
        ))
      )}
    </section>
  )
}
