// Inbox: every item, newest first, as one keyboard list, with the filters
// always in view and a count beside each (status, source, account, needs a
// reply, urgent). Typing a query searches every item through the search
// index; the same filters narrow what it finds. The query and filters are
// kept while an item is open, so Back comes back to the same list.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from 'react'
import type { InboxItem, ItemStatus } from '../../../shared/model'
import { useServices } from '../../app-context'
import { countInboxFacets, type InboxFacets } from '../../db/item-queries'
import { searchItems } from '../../db/search'
import { type InboxFilters, useUi } from '../../store'
import { TriageList } from '../../ui/list/TriageList'
import { useStatusItems } from '../../ui/list/use-status-items'

/** Search results shown at most. */
const shownResults = 200

const statusNames: Record<ItemStatus, string> = {
  delivered: 'Delivered',
  held: 'Waiting',
  snoozed: 'Snoozed',
  done: 'Done',
}
const statusOrder: ItemStatus[] = ['delivered', 'held', 'snoozed', 'done']
const sourceNames = { slack: 'Slack', github: 'GitHub', email: 'Email' } as const

const emptyText: Record<ItemStatus, string> = {
  delivered: 'Nothing delivered yet. Held items arrive at your next check-in.',
  held: 'Nothing is waiting for a check-in.',
  snoozed: 'Nothing snoozed. Snoozed items come back at a check-in.',
  done: 'Nothing done yet. Items you finish with e or Done are kept here.',
}

/** Whether an item passes the filters other than status. */
function passesFilters(item: InboxItem, filters: InboxFilters): boolean {
  return (
    (filters.source === '' || item.source === filters.source) &&
    (filters.accountId === '' || item.accountId === filters.accountId) &&
    (filters.status === '' || item.status === filters.status) &&
    (!filters.isNeedsReply || item.needsReply) &&
    (!filters.isUrgent || item.urgentRuleId !== undefined)
  )
}

const hasNarrowing = (filters: InboxFilters) =>
  filters.source !== '' || filters.accountId !== '' || filters.isNeedsReply || filters.isUrgent

export function InboxView() {
  const filters = useUi((state) => state.inbox)
  const setInbox = useUi((state) => state.setInbox)
  // Search runs on every keystroke, at a lower priority than the typing itself.
  const typed = useDeferredValue(filters.query.trim())
  const searchField = useRef<HTMLInputElement>(null)
  const isSearchWanted = useUi((state) => state.isSearchWanted)
  const setSearchWanted = useUi((state) => state.setSearchWanted)
  useEffect(() => {
    if (!isSearchWanted) return
    searchField.current?.focus()
    setSearchWanted(false)
  }, [isSearchWanted, setSearchWanted])
  // Browsing shows one status at a time; a search may look at every status.
  const browsing: ItemStatus = filters.status === '' ? 'delivered' : filters.status
  return (
    <section className="inbox list-view" aria-label="Inbox">
      <header className="list-view-header inbox-controls">
        <label className="inbox-search">
          <span className="inbox-search-label">Search</span>
          <input
            type="search"
            data-search-field
            ref={searchField}
            placeholder="Sender, place, title or words (press /)"
            value={filters.query}
            onChange={(event) => setInbox({ query: event.target.value })}
          />
        </label>
      </header>
      {typed === '' ? (
        <Browse key={browsing} status={browsing} filters={filters} />
      ) : (
        <SearchResults query={typed} filters={filters} />
      )}
    </section>
  )
}

function Browse({ status, filters }: { status: ItemStatus; filters: InboxFilters }) {
  const { db } = useServices()
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db])
  const accountIds = useMemo(() => (accounts ?? []).map((account) => account.id), [accounts])
  const facets = useLiveQuery(() => countInboxFacets(db, status, accountIds), [db, status, accountIds])
  const { source, accountId, isNeedsReply, isUrgent } = filters
  const keep = useCallback(
    (item: InboxItem) =>
      passesFilters(item, { query: '', status, source, accountId, isNeedsReply, isUrgent }),
    [status, source, accountId, isNeedsReply, isUrgent],
  )
  const { items, hasMore, loadMore } = useStatusItems(status, hasNarrowing(filters) ? { keep } : {})
  const total = facets?.status[status]
  return (
    <>
      <FilterBar filters={filters} status={status} facets={facets} isSearching={false} />
      <p className="muted inbox-summary" role="status">
        {total === undefined
          ? ''
          : `${statusNames[status]}: ${total} item${total === 1 ? '' : 's'}, newest first`}
      </p>
      <TriageList
        listId={`inbox:${status}`}
        label="Inbox items"
        testId="inbox-list"
        items={items ?? []}
        isLoading={items === undefined}
        hasMore={hasMore}
        onLoadMore={loadMore}
        empty={
          <p className="muted">
            {hasNarrowing(filters) ? 'Nothing here passes these filters.' : emptyText[status]}
          </p>
        }
      />
    </>
  )
}

/** Counts over what a search found, for the filter bar. */
function facetsOf(items: readonly InboxItem[], filters: InboxFilters): InboxFacets {
  const within = items.filter((item) => filters.status === '' || item.status === filters.status)
  const count = (keep: (item: InboxItem) => boolean, from: readonly InboxItem[] = within) =>
    from.filter(keep).length
  const account: Record<string, number> = {}
  for (const item of within) account[item.accountId] = (account[item.accountId] ?? 0) + 1
  return {
    status: Object.fromEntries(
      statusOrder.map((status) => [status, count((item) => item.status === status, items)]),
    ) as Record<ItemStatus, number>,
    source: {
      slack: count((item) => item.source === 'slack'),
      github: count((item) => item.source === 'github'),
      email: count((item) => item.source === 'email'),
    },
    account,
    urgent: count((item) => item.urgentRuleId !== undefined),
    needsReply: count((item) => item.needsReply),
  }
}

function SearchResults({ query, filters }: { query: string; filters: InboxFilters }) {
  const { db } = useServices()
  const { status, source, accountId, isNeedsReply, isUrgent } = filters
  // The filters go into the search, so the newest matches that pass them fill the list.
  const found = useLiveQuery(
    () =>
      searchItems(db, query, {
        limit: shownResults,
        keep: (item) => passesFilters(item, { query, status, source, accountId, isNeedsReply, isUrgent }),
      }),
    [db, query, status, source, accountId, isNeedsReply, isUrgent],
  )
  // The counts come from the same search without the filters.
  const unfiltered = useLiveQuery(() => searchItems(db, query, { limit: shownResults }), [db, query])
  const facets = useMemo(
    () => (unfiltered ? facetsOf(unfiltered.items, filters) : undefined),
    [unfiltered, filters],
  )
  if (!found) return <p className="loading">Searching…</p>
  const { items, isComplete } = found
  const isFiltered = hasNarrowing(filters) || filters.status !== ''
  const partly = isComplete ? '' : ' among the newest items looked at; add a word to search further back'
  return (
    <div className="search-results list-view" data-testid="search-results">
      <FilterBar filters={filters} status={filters.status} facets={facets} isSearching />
      {items.length === 0 ? (
        <p className="muted" role="status">
          Nothing matches “{query}”{isFiltered ? ' with these filters' : ''}
          {partly}. Search looks at senders, places, titles and the start of each message.
        </p>
      ) : (
        <>
          <p className="muted inbox-summary" role="status">
            {items.length === shownResults ? `The newest ${shownResults}` : items.length} item
            {items.length === 1 ? '' : 's'} found{partly}
          </p>
          <TriageList
            listId="search"
            label="Search results"
            testId="search-list"
            items={items}
            isCollapsed={false}
            keepsDone={status === '' || status === 'done'}
            empty={null}
          />
        </>
      )}
    </div>
  )
}

/** The filters, always in view, each with how many items it would show. */
function FilterBar({
  filters,
  status,
  facets,
  isSearching,
}: {
  filters: InboxFilters
  status: ItemStatus | ''
  facets: InboxFacets | undefined
  isSearching: boolean
}) {
  const { db } = useServices()
  const setInbox = useUi((state) => state.setInbox)
  const accounts = useLiveQuery(() => db.accounts.toArray(), [db]) ?? []
  const counted = (count: number | null | undefined) =>
    count === undefined || count === null ? '' : ` (${count})`
  return (
    <fieldset className="filter-bar">
      <legend className="visually-hidden">Filters</legend>
      <label className="filter">
        <span className="filter-label">Status</span>
        <select
          value={status}
          onChange={(event) => setInbox({ status: event.target.value as ItemStatus | '' })}
        >
          {isSearching ? (
            <option value="">
              Any{counted(facets ? Object.values(facets.status).reduce((a, b) => a + b, 0) : undefined)}
            </option>
          ) : null}
          {statusOrder.map((each) => (
            <option key={each} value={each}>
              {statusNames[each]}
              {counted(facets?.status[each])}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Source</span>
        <select
          value={filters.source}
          onChange={(event) => setInbox({ source: event.target.value as InboxFilters['source'] })}
        >
          <option value="">All</option>
          {(['slack', 'github', 'email'] as const).map((source) => (
            <option key={source} value={source}>
              {sourceNames[source]}
              {counted(facets?.source[source])}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">Account</span>
        <select value={filters.accountId} onChange={(event) => setInbox({ accountId: event.target.value })}>
          <option value="">All</option>
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.label}
              {counted(facets?.account[account.id] ?? (facets ? 0 : undefined))}
            </option>
          ))}
        </select>
      </label>
      <label className="filter filter-check">
        <input
          type="checkbox"
          checked={filters.isNeedsReply}
          onChange={(event) => setInbox({ isNeedsReply: event.target.checked })}
        />
        Needs a reply<span className="filter-count">{counted(facets?.needsReply)}</span>
      </label>
      <label className="filter filter-check">
        <input
          type="checkbox"
          checked={filters.isUrgent}
          onChange={(event) => setInbox({ isUrgent: event.target.checked })}
        />
        Urgent<span className="filter-count">{counted(facets?.urgent)}</span>
      </label>
    </fieldset>
  )
}
