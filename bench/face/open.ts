// A fresh browser context (its own IndexedDB and caches) with the store
// filled by the fill page (fill.ts), then the app opened in it on the Now
// view: its first load is a cold start, timed when asked.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core'
import { z } from 'zod'
import { type ColdStart, readColdStart, watchStart } from './cold-start'
import type { FillPlan } from './fill'
import { countTimers } from './idle'
import { nowShown, waitMs } from './page'
import { QueryTiming } from './search'

/** The Inbox's limit on search results (InboxView.tsx). */
const shownResults = 200

export const FillResult = z.object({
  items: z.number(),
  indexed: z.number(),
  terms: z.number(),
  itemsMs: z.number(),
  indexMs: z.number(),
})
export type FillResult = z.infer<typeof FillResult>

export type Opened = {
  context: BrowserContext
  page: Page
  cdp: CDPSession
  fill: FillResult
  queries: QueryTiming[]
  /** The app's first load, when `isStartTimed`. */
  start: ColdStart | null
}

export type OpenPlan = {
  store: Omit<FillPlan, 'now'>
  /** Queries answered in the filling page (the query alone), each `runs` times. */
  queries?: string[]
  runs?: number
  /** Time the app's first load to a usable Now view (it starts and ends a focus session). */
  isStartTimed?: boolean
}

/** Fills the store, times the plan's queries in the filling page, then opens the app. */
export async function openFilled(browser: Browser, appUrl: string, plan: OpenPlan): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const filler = await context.newPage()
  await filler.goto(`${new URL(appUrl).origin}/bench-fill/index.html`)
  await filler.waitForFunction(() => typeof (globalThis as { fillLull?: unknown }).fillLull === 'function')
  const fullPlan: FillPlan = { ...plan.store, now: Date.now() }
  const fill = FillResult.parse(await filler.evaluate(`fillLull(${JSON.stringify(fullPlan)})`))
  const queries = z
    .array(QueryTiming)
    .parse(
      await filler.evaluate(
        `timeQueries(${JSON.stringify(plan.queries ?? [])}, ${plan.runs ?? 0}, ${shownResults})`,
      ),
    )
  // Closed before the app opens: one page per context, so the heap read is the app's alone.
  await filler.close()
  const page = await context.newPage()
  // Timers are counted from the app's first line, so those it arms at start-up are seen when idle.
  await page.addInitScript(countTimers)
  if (plan.isStartTimed) await page.addInitScript(watchStart)
  await page.goto(appUrl)
  const start = plan.isStartTimed ? await readColdStart(page) : null
  await page.locator(nowShown, { hasText: new RegExp(`^${plan.store.held}$`) }).waitFor({ timeout: waitMs })
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return { context, page, cdp, fill, queries, start }
}
