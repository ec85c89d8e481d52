// Search in the Inbox: typing a query to its results painted (goal ≤ 100 ms),
// and, apart, the query alone answered in the fill page with nothing drawn
// (timed before the app opens: see fill.ts timeQueries).
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { median } from '../median'
import { count, ms, ratio, verdict } from './format'
import { inboxSettled, listRow, sleep, waitMs } from './page'

const goalMs = 100

export const QueryTiming = z.object({
  query: z.string(),
  ms: z.array(z.number()),
  way: z.string(),
  found: z.number(),
  isComplete: z.boolean(),
})
export type QueryTiming = z.infer<typeof QueryTiming>

/**
 * JS that marks the document once the Inbox shows search results or says
 * nothing matched (both in [data-testid=search-results]; the list it
 * browses has a status line of its own, not counted).
 */
const watchSearch = `new Promise((resolve, reject) => {
  const box = document.querySelector('section.inbox input[type=search]')
  let typedAt
  let searchingAt
  box.addEventListener('input', () => { typedAt = performance.now() }, { once: true })
  const timer = setTimeout(() => {
    observer.disconnect()
    reject(new Error('search showed nothing in time'))
  }, ${waitMs})
  const observer = new MutationObserver(() => {
    if (typedAt === undefined) return
    const inbox = document.querySelector('section.inbox')
    if (searchingAt === undefined && inbox.querySelector('p.loading')) searchingAt = performance.now()
    const status = inbox.querySelector('[data-testid=search-results] [role=status]')
    if (!status) return
    observer.disconnect()
    clearTimeout(timer)
    const text = status.textContent
    requestAnimationFrame(() => setTimeout(() => {
      const shownAt = performance.now()
      resolve({ total: shownAt - typedAt, afterWait: shownAt - (searchingAt ?? typedAt), text })
    }))
  })
  observer.observe(document, { subtree: true, childList: true, characterData: true })
  globalThis.__faceSearch = true
})`

const SearchRun = z.object({ total: z.number(), afterWait: z.number(), text: z.string() })
type SearchRun = z.infer<typeof SearchRun>
export type SearchTiming = { query: string; runs: SearchRun[] }

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search' })

/**
 * Types `query` (one input event, as a paste) into the Inbox's search box,
 * labelled 'Search', and times it to the results painted. The watcher's
 * promise is started first and awaited after the typing.
 */
async function searchOnce(page: Page, query: string): Promise<SearchRun> {
  await searchBox(page).fill('')
  await inboxSettled(page)
  await sleep(300)
  const watching = page.evaluate(watchSearch)
  await page.waitForFunction(() => (globalThis as { __faceSearch?: boolean }).__faceSearch === true)
  await page.evaluate('globalThis.__faceSearch = false')
  await searchBox(page).fill(query)
  return SearchRun.parse(await watching)
}

/** Each query once untimed (the first use of the index reads it from disk), then `runs` times. */
export async function timeSearches(page: Page, queries: string[], runs: number): Promise<SearchTiming[]> {
  const timings: SearchTiming[] = []
  for (const query of queries) {
    await searchOnce(page, query)
    const results: SearchRun[] = []
    for (let run = 0; run < runs; run++) results.push(await searchOnce(page, query))
    timings.push({ query, runs: results })
  }
  await searchBox(page).fill('')
  await page.locator(listRow).first().waitFor({ timeout: waitMs })
  return timings
}

export type SearchLook = { items: number; searches: SearchTiming[]; queries: QueryTiming[] }

export function describeSearch(large: SearchLook, baseline: SearchLook): string[] {
  const lines = [
    'Search in the Inbox, typing to results painted (the Inbox searches on each keystroke, at a lower ' +
      'priority than the typing; "after the wait" is from its "Searching…" to the results; "the query ' +
      'alone" is db/search.ts answering in the page, nothing drawn, median):',
  ]
  large.searches.forEach((timing, index) => {
    const base = baseline.searches[index]
    const total = median(timing.runs.map((run) => run.total))
    const after = median(timing.runs.map((run) => run.afterWait))
    const baseAfter = base ? median(base.runs.map((run) => run.afterWait)) : Number.NaN
    const alone = large.queries[index]
    const baseAlone = baseline.queries[index]
    lines.push(
      `  "${timing.query}", ${count(large.items)} items: ${ms(total)} (after the wait ${ms(after)}) — ` +
        `"${timing.runs[0]?.text.trim()}" (goal ≤ ${goalMs} ms: ${verdict(total <= goalMs)}); ` +
        `${count(baseline.items)} items: after the wait ${ms(baseAfter)}, ratio ${ratio(after, baseAfter)}`,
    )
    if (alone && baseAlone)
      lines.push(
        `    the query alone: ${ms(median(alone.ms))} (way "${alone.way}", ${alone.found} found` +
          `${alone.isComplete ? '' : ', partial'}); ${count(baseline.items)} items: ${ms(median(baseAlone.ms))}`,
      )
  })
  return lines
}
