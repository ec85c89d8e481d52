// The items of one status for a list, a page at a time: the list asks for
// the next page as it scrolls near its end, so a status with 100,000 items
// opens as fast as one with ten.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useState } from 'react'
import type { InboxItem, ItemStatus } from '../../../shared/model'
import { useServices } from '../../app-context'
import { readStatusPage } from '../../db/item-queries'
import { useSetAside } from '../../hooks/use-set-aside'

/** Rows read per page. */
export const pageRows = 200

export function useStatusItems(
  status: ItemStatus,
  options: { isOldestFirst?: boolean; keep?: (item: InboxItem) => boolean } = {},
): { items: InboxItem[] | undefined; hasMore: boolean; loadMore(): void } {
  const { db } = useServices()
  const { isOldestFirst = false, keep } = options
  const [limit, setLimit] = useState(pageRows)
  const read = useLiveQuery(
    () => readStatusPage(db, status, { limit, isOldestFirst, ...(keep ? { keep } : {}) }),
    [db, status, limit, isOldestFirst, keep],
  )
  useSetAside(read?.bad)
  const loadMore = useCallback(() => setLimit((shown) => shown + pageRows), [])
  return { items: read?.items, hasMore: read?.hasMore ?? false, loadMore }
}
