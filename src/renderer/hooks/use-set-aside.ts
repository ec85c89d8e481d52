// Bad stored rows, as the views meet them: each view hands the rows it could
// not read to useSetAside, which moves them to quarantine (a live query may
// only read, so the move happens after the render). App tells the user what
// was set aside while the window was open; the Now view shows the total.
import { useLiveQuery } from 'dexie-react-hooks'
import { useEffect, useRef } from 'react'
import { useServices } from '../app-context'
import type { BadItemRow } from '../db/item-rows'
import { quarantineItems } from '../db/quarantine'
import { useUi } from '../store'

export function useSetAside(bad: readonly BadItemRow[] | undefined): void {
  const { db } = useServices()
  const report = useUi((state) => state.report)
  useEffect(() => {
    if (!bad || bad.length === 0) return
    quarantineItems(db, bad, Date.now()).catch((error: Error) =>
      report(
        `Lull could not set aside stored items it cannot read: ${error.message}. Restart Lull to retry.`,
      ),
    )
  }, [db, bad, report])
}

/** How many stored items are set aside in all. */
export function useSetAsideCount(): number | undefined {
  const { db } = useServices()
  return useLiveQuery(() => db.quarantine.count(), [db])
}

export function setAsideMessage(count: number): string {
  return count === 1
    ? '1 stored item could not be read and was set aside. The Now view counts what is set aside.'
    : `${count} stored items could not be read and were set aside. The Now view counts what is set aside.`
}

/** Adds a note to the problems list whenever rows are set aside while this window is open. */
export function useSetAsideNotice(): void {
  const { db } = useServices()
  const report = useUi((state) => state.report)
  const openedAt = useRef(Date.now())
  const reported = useRef(0)
  const since = useLiveQuery(() => db.quarantine.where('at').aboveOrEqual(openedAt.current).count(), [db])
  useEffect(() => {
    if (since === undefined || since <= reported.current) return
    report(setAsideMessage(since - reported.current))
    reported.current = since
  }, [since, report])
}
