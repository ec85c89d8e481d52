// One item, opened from a list (Enter, double-click, View) or a
// breakthrough notification: its whole text, why it is here (the rule that
// let it through, held since, which check-in), its reply window, its
// conversation as Lull holds it (earlier and later messages in time order),
// how its write-back stands, and Back (Esc) to the row it came from. The
// list keys work here too: e done, s snooze, o open at the source, u undo.
import { useLiveQuery } from 'dexie-react-hooks'
import { ArrowLeft } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Button } from 'react-aria-components'
import type { InboxItem } from '../../../shared/model'
import { useServices } from '../../app-context'
import { outboxId, retryWrite } from '../../db/outbox'
import { getItem, listConversation, listRecentFocusSessions } from '../../db/repositories'
import { useAttention } from '../../hooks/use-attention'
import { useUi } from '../../store'
import { formatWhen } from '../../ui/format'
import { placeOf, viaLine } from '../../ui/list/rows'
import { SnoozeMenu } from '../../ui/list/SnoozeMenu'
import { returnsAt } from '../../ui/list/snooze-choices'
import { sourceIcons, sourceNames } from '../../ui/list/TriageRow'
import { useTriage } from '../../ui/list/use-triage'
import { Field, MessageText } from '../../ui/MessageText'
import { OpenLink } from '../../ui/OpenLink'
import { PageHeader } from '../../ui/PageHeader'
import { describeWhy } from './item-why'
import { ReplyLine } from './ReplyLine'

/**
 * A message merged into the opened item's conversation from another thread
 * (its own thread's messages belong together whatever their key): the
 * person may say it is not the same.
 */
const isMergedIn = (message: InboxItem, item: InboxItem) =>
  message.conversationKey !== undefined &&
  message.conversationKey === item.conversationKey &&
  (message.accountId !== item.accountId || message.threadKey !== item.threadKey)

const statusWords = { held: 'Waiting', delivered: 'Delivered', snoozed: 'Snoozed', done: 'Done' } as const

export function ItemView({ itemId }: { itemId: string }) {
  const { db, engine } = useServices()
  const attention = useAttention()
  const triage = useTriage()
  const goBack = useUi((state) => state.goBack)
  const openItem = useUi((state) => state.openItem)
  const report = useUi((state) => state.report)
  const addKeyTarget = useUi((state) => state.addKeyTarget)
  const item = useLiveQuery(() => getItem(db, itemId), [db, itemId])
  const write = useLiveQuery(() => db.outbox.get(outboxId('done', itemId)), [db, itemId])
  const thread = useLiveQuery(async () => (item ? listConversation(db, item) : []), [db, item])
  const digest = useLiveQuery(
    async () => (item?.digestId ? ((await db.digests.get(item.digestId)) ?? null) : null),
    [db, item?.digestId],
  )
  const now = attention?.now ?? 0
  const sessions = useLiveQuery(() => listRecentFocusSessions(db, now), [db, now])
  const [isSnoozing, setSnoozing] = useState(false)
  const view = useRef<HTMLElement>(null)
  const snoozeButton = useRef<HTMLButtonElement>(null)
  // Opening an item is reading it: written back where the account's switch is on.
  useEffect(() => {
    void engine.markRead(itemId)
  }, [engine, itemId])
  // The view takes the focus, so the keys and a screen reader start here.
  // biome-ignore lint/correctness/useExhaustiveDependencies: again for each item opened from its conversation
  useEffect(() => {
    view.current?.focus({ preventScroll: true })
  }, [itemId])

  const latest = useRef({ item })
  latest.current = { item }
  useEffect(
    () =>
      addKeyTarget({
        id: 'item',
        element: () => view.current,
        act: (kind) => {
          const shown = latest.current.item
          if (!shown) return
          if (kind === 'done' || kind === 'done-through') void triage.done([shown])
          else if (kind === 'snooze' && shown.status !== 'done') setSnoozing(true)
          else if (kind === 'open-source') triage.openAtSource(shown, null)
        },
        escape: () => {
          goBack()
          return true
        },
      }),
    [addKeyTarget, triage, goBack],
  )

  if (item === undefined || !attention) return <p className="loading">Loading…</p>
  if (item === null) {
    return (
      <section aria-label="Item" className="item-view">
        <PageHeader title="Item" actions={<BackButton onBack={goBack} />} />
        <p className="muted">This item is no longer in the inbox.</p>
      </section>
    )
  }
  const SourceIcon = sourceIcons[item.source]
  const why = describeWhy(item, {
    now: attention.now,
    zone: attention.zone,
    rules: attention.settings.urgentRules,
    replyWindowHours: attention.settings.replyWindowHours,
    deliveredByCheckInAt: digest?.at ?? null,
    nextCheckInAt: attention.nextCheckInAt,
    snoozeReturnsAt:
      item.snoozedUntil !== undefined && sessions
        ? returnsAt(attention.settings, attention.zone, sessions, item.snoozedUntil)
        : null,
  })
  const messages = thread ?? [item]
  // One conversation through several sources or places: each message says where it came from.
  const via = viaLine(messages)
  return (
    <section aria-label="Item" className="item-view" ref={view} tabIndex={-1}>
      <PageHeader
        title={<Field text={item.title} />}
        description={
          <span className="item-view-where">
            <SourceIcon size={14} aria-hidden="true" /> {sourceNames[item.source]} ·{' '}
            <Field className="container" text={item.container} /> · {statusWords[item.status]}
          </span>
        }
        actions={
          <>
            <BackButton onBack={goBack} />
            {item.url ? <OpenLink url={item.url} /> : null}
            {item.status !== 'done' ? (
              <>
                <Button ref={snoozeButton} className="button" onPress={() => setSnoozing(true)}>
                  Snooze <kbd>s</kbd>
                </Button>
                <Button className="button primary" onPress={() => void triage.done([item])}>
                  Done <kbd>e</kbd>
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <article className="item-full" data-item-id={item.id} data-status={item.status}>
        <p className="item-view-meta">
          <Field className="author" text={item.author.name} /> ·{' '}
          {formatWhen(item.sentAt, attention.zone, attention.now)}
        </p>
        <MessageText text={item.text} isFull />
      </article>
      <section className="item-why" aria-label="Why it is here" data-testid="item-why">
        <h2>Why it is here</h2>
        <dl>
          {why.map((line) => (
            <div key={line.label}>
              <dt>{line.label}</dt>
              <dd>{line.text}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ReplyLine itemId={item.id} zone={attention.zone} />
      {write?.state === 'failed' ? (
        <p className="write-back-failed" role="status">
          Marking this done at its source failed: {write.error}{' '}
          <Button className="button" onPress={() => void retryWrite(db, write.id, Date.now())}>
            Try again
          </Button>
        </p>
      ) : write ? (
        <p className="muted" role="status">
          Done here; marked done at its source once the undo window is over.
        </p>
      ) : null}
      {messages.length > 1 ? (
        <section className="item-thread" aria-label="Conversation" data-testid="item-thread">
          <h2>
            Conversation · {messages.length} messages
            {via ? ` · ${via}` : ''}
          </h2>
          <ol>
            {messages.map((message) => (
              <li
                key={message.id}
                data-item-id={message.id}
                aria-current={message.id === item.id ? 'true' : undefined}
              >
                <p className="item-thread-meta">
                  {via ? <span className="item-thread-via">{placeOf(message)} · </span> : null}
                  <Field className="author" text={message.author.name} /> ·{' '}
                  {formatWhen(message.sentAt, attention.zone, attention.now)} · {statusWords[message.status]}
                  {message.id === item.id ? ' · this message' : ''}
                </p>
                {message.id === item.id ? null : (
                  <>
                    <MessageText text={message.text} isFull={false} />
                    <Button className="button link-button" onPress={() => openItem(message.id, null)}>
                      Open this message
                    </Button>
                    {isMergedIn(message, item) ? (
                      <Button
                        className="button link-button"
                        aria-label={`Not the same conversation: keep the ${placeOf(message)} message apart`}
                        onPress={() =>
                          void triage
                            .keepApart(message)
                            .catch((error: Error) => report(`Lull could not keep it apart: ${error.message}`))
                        }
                      >
                        Not the same
                      </Button>
                    ) : null}
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {isSnoozing ? (
        <SnoozeMenu
          items={[item]}
          anchor={snoozeButton}
          triage={triage}
          onClose={() => {
            setSnoozing(false)
            requestAnimationFrame(() => view.current?.focus({ preventScroll: true }))
          }}
        />
      ) : null}
    </section>
  )
}

function BackButton({ onBack }: { onBack(): void }) {
  return (
    <Button className="button back-button" onPress={onBack}>
      <ArrowLeft size={14} aria-hidden="true" /> Back <kbd>Esc</kbd>
    </Button>
  )
}
