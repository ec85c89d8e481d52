// One inbox item. Everything from a message is rendered as text; nothing
// is ever interpreted as HTML. Each field is isolated and stripped of bidi
// controls, so a name or title cannot read backwards or reorder its
// neighbours; a row shows a bounded snippet, the item view the whole text.
import type { InboxItem } from '../../shared/model'
import { type ReplyState, replyState } from '../../shared/policy'
import { useServices } from '../app-context'
import { snooze } from '../db/repositories'
import { useUi } from '../store'
import { formatWhen } from './format'
import { Field, MessageText } from './MessageText'
import { OpenLink } from './OpenLink'

const sourceLabel = { slack: 'Slack', github: 'GitHub', email: 'Email' } as const
const replyLabel: Record<ReplyState, string> = {
  waiting: 'reply',
  'due-soon': 'reply due soon',
  overdue: 'reply overdue',
}

export function ItemRow({
  item,
  zone,
  now,
  isFull = false,
  replyWindowHours,
}: {
  item: InboxItem
  zone: string
  now: number
  /** Where given, an item someone waits on says whether a reply is due soon or overdue. */
  replyWindowHours?: number
  /** The item view: the whole text, and no "View" button. */
  isFull?: boolean
}) {
  const { db, engine } = useServices()
  const navigate = useUi((state) => state.navigate)
  const offerUndo = useUi((state) => state.offerUndo)
  const markItemDone = async () => {
    if (await engine.markDone(item.id)) offerUndo({ itemId: item.id, title: item.title })
  }
  const reply = replyWindowHours === undefined ? null : replyState(item, now, replyWindowHours)
  return (
    <article className={`item item-${item.status}`} data-item-id={item.id} data-status={item.status}>
      <header>
        <span className={`badge badge-${item.source}`}>{sourceLabel[item.source]}</span>
        <Field className="container" text={item.container} />
        <Field className="author" text={item.author.name} />
        {item.urgentRuleId ? <span className="badge badge-urgent">urgent</span> : null}
        {reply ? <span className={`badge badge-reply-${reply}`}>{replyLabel[reply]}</span> : null}
        <time>{formatWhen(item.sentAt, zone, now)}</time>
      </header>
      <h3 className="item-title">
        <Field text={item.title} />
      </h3>
      <MessageText text={item.text} isFull={isFull} />
      <footer>
        {isFull ? null : (
          <button type="button" onClick={() => navigate({ view: 'item', itemId: item.id })}>
            View
          </button>
        )}
        {item.url ? <OpenLink url={item.url} /> : null}
        {item.status !== 'done' ? (
          <button type="button" onClick={() => void markItemDone()}>
            Done
          </button>
        ) : null}
        {item.status === 'delivered' ? (
          <button type="button" onClick={() => void snooze(db, item.id, Date.now())}>
            Snooze to next check-in
          </button>
        ) : null}
      </footer>
    </article>
  )
}
