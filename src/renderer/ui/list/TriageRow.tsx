// One row of a triage list, one line high: who · where · what · when, the
// start of the message dimmed, the conversation's count, and why it matters
// as small chips. Done, Snooze, View and Open show on hover and focus; they
// are not Tab stops (the keys and the palette reach the same actions).
// Everything from a message is text, isolated and stripped of bidi controls.
import { CheckCircle2, Clock, Eye, GitPullRequest, Hash, Mail } from 'lucide-react'
import { memo } from 'react'
import { snippet, stripBidiControls } from '../../../shared/display-text'
import type { InboxItem, SourceKind, UrgentRule } from '../../../shared/model'
import { formatClock, formatWhen } from '../format'
import { Field } from '../MessageText'
import { OpenLink } from '../OpenLink'
import { RowAction } from './RowAction'
import { isRowDone, type TriageRow, viaLine } from './rows'
import { type Chip, chipsFor } from './why'

export const sourceNames: Record<SourceKind, string> = { slack: 'Slack', github: 'GitHub', email: 'Email' }
export const sourceIcons = { slack: Hash, github: GitPullRequest, email: Mail } as const

/** A reply Lull sent for the person to a DM, by the DM's item id (db/replies.ts). */
export type SentReply = { sentAt: number; text: string }

/** What a row needs from the view: the clock, the zone, the reply window, the rules and the replies sent. */
export type RowContext = {
  now: number
  zone: string
  replyWindowHours: number
  rules: readonly UrgentRule[]
  replies: ReadonlyMap<string, SentReply>
}

/** The latest reply sent to any message of the row. */
function rowReply(row: TriageRow, replies: ReadonlyMap<string, SentReply>): SentReply | null {
  let found: SentReply | null = null
  for (const item of row.items) {
    const reply = replies.get(item.id)
    if (reply && (!found || reply.sentAt > found.sentAt)) found = reply
  }
  return found
}

export type RowActions = {
  onDone(row: TriageRow): void
  onSnooze(row: TriageRow, anchor: Element | null): void
  onView(row: TriageRow): void
}

/** A Slack message's title only says who and where, which the row already shows. */
function isTitleRepeated(item: InboxItem): boolean {
  const title = item.title.trim()
  return title === '' || title === `${item.author.name} in ${item.container}`
}

/** The chips of a conversation: each kind once, from its most pressing item (the oldest waiting). */
function rowChips(row: TriageRow, context: RowContext): Chip[] {
  const seen = new Map<string, Chip>()
  for (const item of row.items) {
    if (item.status === 'done') continue
    for (const chip of chipsFor(item, context)) {
      const family = chip.kind.startsWith('reply') ? 'reply' : chip.kind
      if (!seen.has(family)) seen.set(family, chip)
    }
  }
  return [...seen.values()]
}

/** The row's status as one word: done when every item is, else the latest open item's. */
function rowStatus(row: TriageRow): InboxItem['status'] {
  if (isRowDone(row)) return 'done'
  const open = row.items.filter((item) => item.status !== 'done')
  return (open.at(-1) ?? row.lead).status
}

/**
 * Memoised: a key press changes the selection of two rows, and only rows
 * whose props changed draw again (the list keeps `context` and `actions`
 * the same object between key presses).
 */
export const TriageRowView = memo(function TriageRowView({
  row,
  context,
  showWhere,
  isMarked,
  actions,
}: {
  row: TriageRow
  context: RowContext
  /** False under a header that already names the place. */
  showWhere: boolean
  /** Picked out with x, Space or Shift: shown with a check. */
  isMarked: boolean
  actions: RowActions
}) {
  const { lead } = row
  const status = rowStatus(row)
  const SourceIcon = sourceIcons[lead.source]
  const chips = rowChips(row, context)
  const count = row.items.length
  const via = viaLine(row.items)
  const reply = rowReply(row, context.replies)
  return (
    <article
      className="triage-row"
      data-item-id={lead.id}
      data-status={status}
      data-marked={isMarked || undefined}
    >
      <span className="triage-mark" aria-hidden="true">
        {isMarked ? <CheckCircle2 size={14} /> : <SourceIcon size={14} />}
      </span>
      <span className="visually-hidden">{sourceNames[lead.source]}</span>
      <header className="triage-who">
        <Field className="author" text={lead.author.name} />
        {/* Under a header naming the place, it is still read with the row, for a screen reader moving row by row. */}
        <Field className={showWhere ? 'container' : 'container visually-hidden'} text={lead.container} />
      </header>
      <span className="triage-what">
        <span className="item-title" data-repeated={isTitleRepeated(lead) || undefined}>
          <Field text={lead.title} />
        </span>
        <span className="item-text">
          <bdi>{snippet(stripBidiControls(lead.text)).replace(/\s+/g, ' ').trim()}</bdi>
        </span>
      </span>
      {via ? <span className="triage-via">{via}</span> : null}
      {reply ? (
        <span className="triage-replied" title={reply.text}>
          you replied at {formatClock(reply.sentAt, context.zone)}: {snippet(reply.text)}
        </span>
      ) : null}
      {count > 1 ? (
        <span className="triage-count" title={`${count} updates in this conversation`}>
          {count}
          <span className="visually-hidden"> updates</span>
        </span>
      ) : null}
      {chips.map((chip) => (
        <span key={chip.kind} className={`chip chip-${chip.kind}`}>
          {chip.text}
        </span>
      ))}
      {status === 'snoozed' && lead.snoozedUntil !== undefined ? (
        <span className="chip chip-snoozed">
          <Clock size={12} aria-hidden="true" /> snoozed
        </span>
      ) : null}
      <time className="triage-when" dateTime={new Date(lead.sentAt).toISOString()}>
        {formatWhen(lead.sentAt, context.zone, context.now)}
      </time>
      <span className="triage-actions">
        <RowAction label="View" onPress={() => actions.onView(row)}>
          <Eye size={14} aria-hidden="true" />
          <span className="visually-hidden">View</span>
        </RowAction>
        {lead.url ? <OpenLink url={lead.url} isCompact /> : null}
        {status !== 'done' ? (
          <>
            <RowAction label="Snooze" onPress={(element) => actions.onSnooze(row, element)}>
              <Clock size={14} aria-hidden="true" />
              <span className="visually-hidden">Snooze</span>
            </RowAction>
            <RowAction label="Done" onPress={() => actions.onDone(row)}>
              <CheckCircle2 size={14} aria-hidden="true" />
              <span className="visually-hidden">Done</span>
            </RowAction>
          </>
        ) : null}
      </span>
    </article>
  )
})
