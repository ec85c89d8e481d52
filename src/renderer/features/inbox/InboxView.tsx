// Inbox: everything delivered, newest first, with the list keys; snoozed
// and done items one choice away; search over every item through the
// search index, with filters on what it finds.
import { useLiveQuery } from 'dexie-react-hooks'
import { useDeferredValue, useEffect, useRef, useState } from 'react'
import type { InboxItem } from '../../../shared/model'
import { useServices } from '../../app-context'
import { searchItems } from '../../db/search'
import { useAttention } from '../../hooks/use-attention'
import { useUi } from '../../store'
import { ItemList } from '../../ui/ItemList'

type Shown = 'delivered' | 'snoozed' | 'done'
type Filters = {
  source: '' | InboxItem['source']
  accountId: string
  isNeedsReply: boolean
  isUrgent: boolean
  status: '' | InboxItem['status']
}

const noFilters: Filters = { source: '', accountId: '', isNeedsReply: false, isUrgent: false, status: '' }
/** Search results shown at most. */
const shownResults = 200

const emptyText: Record<Shown, string> = {
  delivered: 'Nothing delivered yet. Held items arrive at your next check-in.',
  snoozed: 'Nothing snoozed. Snoozed items come back at the next check-in.',
  done: 'Nothing done yet. Items you finish with e or Done are kept here.',
}

/** Whether an item passes the search filters. */
function passesFilters(item: InboxItem, filters: Filters): boolean {
  return (
    (filters.source === '' || item.source === filters.source) &&
    (filters.accountId === '' || item.accountId === filters.accountId) &&
    (filters.status === '' || item.status === filters.status) &&
    (!filters.isNeedsReply || item.needsReply) &&
    (!filters.isUrgent || item.urgentRuleId !== undefined)
  )
}

export function InboxView() {
  const [shown, setShown] = useState<Shown>('delivered')
  const [query, setQuery] = useState('')
  // Search runs on every keystroke, at a lower priority than the typing itself:
  // a query answers in tens of milliseconds, so there is no pause to wait out.
  const typed = useDeferredValue(query.trim())
  const [filters, setFilters] = useState<Filters>(noFilters)
  const searchField = useRef<HTMLInputElement>(null)
  const isSearchWanted = useUi((state) => state.isSearchWanted)
  const setSearchWanted = useUi((state) => state.setSearchWanted)
  useEffect(() => {
    if (!isSearchWanted) return
    searchField.current?.focus()
    setSearchWanted(false)
  }, [isSearchWanted, setSearchWanted])
  return (
    <section className="inbox" aria-label="Inbox">
      <div className="inbox-controls">
        <label>
          Search{' '}
          <input
            type="search"
            data-search-field
            ref={searchField}
            placeholder="sender, title or words (press /)"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        {typed === '' ? (
          <label>
            Show{' '}
            <select value={shown} onChange={(event) => setShown(event.target.value as Shown)}>
              <option value="delivered">Delivered</option>
              <option value="snoozed">Snoozed</option>
              <option value="done">Done</option>
            </select>
          </label>
        ) : (
          <SearchFilters filters={filters} onChange={setFilters} />
        )}
      </div>
      {typed === '' ? (
        <ItemList
          key={shown}
          status={shown}
          label="Inbox items"
          empty={<p className="muted">{emptyText[shown]}</p>}
        />
      ) : (
        <SearchResults query={typed} filters={filters} />
      )}
    </section>
  )
}

function SearchFilters({ filters, onChange }: { filters: Filters; onChange(filters: Filters): void }) {
  const { db } = useServices()
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]) ?? []
  return (
    <>
      <label>
        Account{' '}
        <select
          value={filters.accountId}
          onChange={(event) => onChange({ ...filters, accountId: event.target.value })}
        >
          <option value="">All</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source{' '}
        <select
          value={filters.source}
          onChange={(event) => onChange({ ...filters, source: event.target.value as Filters['source'] })}
        >
          <option value="">All</option>
          <option value="slack">Slack</option>
          <option value="github">GitHub</option>
          <option value="email">Email</option>
        </select>
      </label>
      <label>
        Status{' '}
        <select
          value={filters.status}
          onChange={(event) => onChange({ ...filters, status: event.target.value as Filters['status'] })}
        >
          <option value="">Any</option>
          <option value="held">Waiting</option>
          <option value="delivered">Delivered</option>
          <option value="snoozed">Snoozed</option>
          <option value="done">Done</option>
        </select>
      </label>
      <label>
        <input
          type="checkbox"
          checked={filters.isNeedsReply}
          onChange={(event) => onChange({ ...filters, isNeedsReply: event.target.checked })}
        />{' '}
        Needs a reply
      </label>
      <label>
        <input
          type="checkbox"
          checked={filters.isUrgent}
          onChange={(event) => onChange({ ...filters, isUrgent: event.target.checked })}
        />{' '}
        Urgent
      </label>
    </>
  )
}

function SearchResults({ query, filters }: { query: string; filters: Filters }) {
  const { db } = useServices()
  const attention = useAttention()
  // The filters go into the search, so the newest matches that pass them fill the list.
  const found = useLiveQuery(
    () =>
      searchItems(db, query, {
        limit: shownResults,
        keep: (item) => passesFilters(item, filters),
      }),
    [db, query, filters],
  )
  if (!found || !attention) return <p className="loading">Searching…</p>
  const { items, isComplete } = found
  const isFiltered = JSON.stringify(filters) !== JSON.stringify(noFilters)
  const partly = isComplete ? '' : ' among the newest items looked at; add a word to search further back'
  if (items.length === 0) {
    return (
      <p className="muted" role="status">
        Nothing matches “{query}”{isFiltered ? ' with these filters' : ''}
        {partly}. Search looks at senders, places, titles and the start of each message.
      </p>
    )
  }
  return (
    <div className="search-results" data-testid="search-results">
      <p className="muted" role="status">
        {items.length === shownResults ? `The newest ${shownResults}` : items.length} item
        {items.length === 1 ? '' : 's'} found{partly}
      </p>
      <ItemList items={items} label="Search results" testId="search-list" empty={null} />
    </div>
  )
}
