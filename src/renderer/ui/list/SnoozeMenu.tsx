// "s": snooze the focused row (or the selection) until later today,
// tomorrow morning, the next check-in, or a time the person picks. Each
// choice shows the check-in that brings the items back. A menu beside the
// row; arrows and Enter, or the first letter, choose; Escape closes it.
import { useLiveQuery } from 'dexie-react-hooks'
import { type RefObject, useMemo, useState } from 'react'
import {
  Button,
  Dialog,
  Form,
  Input,
  Label,
  Menu,
  MenuItem,
  Popover,
  Text,
  TextField,
} from 'react-aria-components'
import type { InboxItem } from '../../../shared/model'
import { useServices } from '../../app-context'
import { listRecentFocusSessions } from '../../db/repositories'
import { useAttention } from '../../hooks/use-attention'
import { formatWhen } from '../format'
import { instantOf, returnsAt, type SnoozeChoiceId, snoozeChoices, wallTimeOf } from './snooze-choices'
import type { Triage } from './use-triage'

export function SnoozeMenu({
  items,
  anchor,
  triage,
  onClose,
}: {
  items: readonly InboxItem[]
  /** The row (or button) the menu opens beside. */
  anchor: RefObject<Element | null>
  triage: Triage
  /** The menu closed; `isSnoozed` says whether a choice was made. */
  onClose(isSnoozed: boolean): void
}) {
  const { db } = useServices()
  const attention = useAttention()
  const now = attention?.now ?? Date.now()
  const sessions = useLiveQuery(() => listRecentFocusSessions(db, now), [db, now])
  const [isPicking, setPicking] = useState(false)
  const choices = useMemo(
    () => (attention && sessions ? snoozeChoices(attention.settings, attention.zone, sessions, now) : []),
    [attention, sessions, now],
  )
  if (!attention || !sessions) return null
  const { zone, settings } = attention
  const describe = (at: number | null) => (at === null ? 'your next check-in' : formatWhen(at, zone, now))
  const count = items.length
  const title = count === 1 ? 'Snooze until…' : `Snooze ${count} items until…`

  const snoozeTo = (until: number, back: number | null) => {
    onClose(true)
    void triage.snooze(items, until, describe(back))
  }

  return (
    <Popover
      triggerRef={anchor}
      isOpen
      onOpenChange={(isOpen) => (isOpen ? null : onClose(false))}
      placement="bottom end"
      className="popover snooze-popover"
    >
      {isPicking ? (
        <Dialog aria-label={title} className="popover-dialog">
          <PickTime
            zone={zone}
            now={now}
            describe={(until) => describe(returnsAt(settings, zone, sessions, until))}
            onPick={(until) => snoozeTo(until, returnsAt(settings, zone, sessions, until))}
            onCancel={() => onClose(false)}
          />
        </Dialog>
      ) : (
        <Menu
          aria-label={title}
          autoFocus="first"
          className="menu"
          data-testid="snooze-menu"
          disabledKeys={choices.filter((choice) => !choice.isAvailable).map((choice) => choice.id)}
          onAction={(key) => {
            if (key === 'pick') {
              setPicking(true)
              return
            }
            const choice = choices.find((candidate) => candidate.id === (key as SnoozeChoiceId))
            if (choice) snoozeTo(choice.until, choice.returnsAt)
          }}
        >
          {choices.map((choice) => (
            <MenuItem key={choice.id} id={choice.id} textValue={choice.label} className="menu-item">
              <Text slot="label">{choice.label}</Text>
              <Text slot="description" className="menu-item-hint">
                {choice.isAvailable ? describe(choice.returnsAt) : 'no check-in left today'}
              </Text>
            </MenuItem>
          ))}
          <MenuItem id="pick" textValue="Pick a time" className="menu-item">
            <Text slot="label">Pick a time…</Text>
          </MenuItem>
        </Menu>
      )}
    </Popover>
  )
}

/** A date and time in the person's zone; the check-in it lands on is shown as it is typed. */
function PickTime({
  zone,
  now,
  describe,
  onPick,
  onCancel,
}: {
  zone: string
  now: number
  describe(until: number): string
  onPick(until: number): void
  onCancel(): void
}) {
  const [value, setValue] = useState(() => wallTimeOf(now + 60 * 60_000, zone))
  const until = instantOf(value, zone)
  const error = until === null ? 'Pick a date and a time.' : until <= now ? 'Pick a time after now.' : null
  return (
    <Form
      className="pick-time"
      onSubmit={(event) => {
        event.preventDefault()
        if (until !== null && error === null) onPick(until)
      }}
    >
      <TextField value={value} onChange={setValue} isInvalid={error !== null} autoFocus className="field">
        <Label>Snooze until</Label>
        <Input type="datetime-local" min={wallTimeOf(now, zone)} />
        <Text slot="description" className="field-help">
          {error ?? `Back at ${until === null ? 'your next check-in' : describe(until)}`}
        </Text>
      </TextField>
      <div className="pick-time-actions">
        <Button className="button" onPress={onCancel}>
          Cancel
        </Button>
        <Button className="button primary" type="submit" isDisabled={error !== null}>
          Snooze
        </Button>
      </div>
    </Form>
  )
}
