// One inbox item. Everything from a message is rendered as text; nothing
// is ever interpreted as HTML.
import type { InboxItem } from '../../shared/model'
import { useServices } from '../app-context'
import { markDone, snooze } from '../db/repositories'
import { useUi } from '../store'
import { formatWhen } from './format'

const sourceLabel = { slack: 'Slack', github: 'GitHub', email: 'Email' } as const

export function ItemRow({ item, zone, now }: { item: InboxItem; zone: string; now: number }) {
  const { db, host } = useServices()
  const report = useUi((state) => state.report)
  const open = () => {
    if (!item.url) return
    host.call('link:open-external', { url: item.url }).catch((error: Error) => report(error.message))
  }
  return (
    <article className={`item item-${item.status}`} data-item-id={item.id} data-status={item.status}>
      <header>
        <span className={`badge badge-${item.source}`}>{sourceLabel[item.source]}</span>
        <span className="container">{item.container}</span>
        <span className="author">{item.author.name}</span>
        {item.urgentRuleId ? <span className="badge badge-urgent">urgent</span> : null}
        <time>{formatWhen(item.sentAt, zone, now)}</time>
      </header>
      <h3 className="item-title">{item.title}</h3>
      <p className="item-text">{item.text}</p>
      <footer>
        {item.url ? (
          <button type="button" onClick={open}>
            Open
          </button>
        ) : null}
        {item.status !== 'done' ? (
          <button type="button" onClick={() => void markDone(db, item.id, Date.now())}>
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
