// What the face benchmark's measurements share: the app's selectors, JS run
// in the page to act and to time until something is painted, and the
// Chrome DevTools Protocol's Performance metrics. The app's CSP forbids eval,
// so predicates for waitForFunction are functions; the rest is JS in strings:
// bench/ is type-checked without the DOM, and tsx wraps named functions in a
// helper (__name) that the page does not have.
import type { CDPSession, Page } from 'playwright-core'
import { z } from 'zod'

/** How long anything the benchmark waits for may take before the run fails. */
export const waitMs = 120_000

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The Inbox's (and Waiting's) list, its rows, the Now view's held count and the digest's rows. */
export const listGrid = '[data-testid=inbox-list]'
export const listRow = `${listGrid} article`
export const nowShown = '[data-testid=waiting-count]'
export const digestRow = 'section.digest article'
export const focusState = '[data-testid=focus-state]'

/**
 * Waits until the Inbox's list has answered and its counts too (the line
 * above the list says how many items): at 100,000 items the counts take a
 * while, and a key pressed or a word typed meanwhile waits behind them.
 */
export async function inboxSettled(page: Page): Promise<void> {
  await page.locator(listRow).first().waitFor({ timeout: waitMs })
  await page
    .locator('section.inbox p.inbox-summary', { hasText: 'newest first' })
    .waitFor({ timeout: waitMs })
}

/** JS that clicks the button named `label` in the navigation landmark 'Views'. */
export const clickTab = (label: string) => `{
  const tab = [...document.querySelectorAll('nav[aria-label="Views"] button')]
    .find((button) => button.textContent.trim() === ${JSON.stringify(label)})
  if (!tab) throw new Error('no tab ' + ${JSON.stringify(label)} + ' in the navigation Views')
  tab.click()
}`

/** JS that clicks the open view's button whose words are `label`, or begin with it. */
export const clickButton = (label: string, isPrefix = false) => `{
  const wanted = ${JSON.stringify(label)}
  const button = [...document.querySelectorAll('main button')].find((candidate) => {
    const words = candidate.textContent.trim()
    return ${isPrefix ? 'words.startsWith(wanted)' : 'words === wanted'}
  })
  if (!button) throw new Error('no button "' + wanted + '" in the open view')
  button.click()
}`

/** What a MutationObserver watches: the tree and its text, or also attributes. */
export const watchTree = '{ subtree: true, childList: true, characterData: true }'

/**
 * JS for a promise of the ms from running `act` until `isDone` (a JS
 * expression) holds and the frame that shows it is painted: a task queued
 * from the next animation frame runs after that frame's paint. Timed in the
 * page, so no round trip to the benchmark is counted. `before` runs first
 * (to note what `isDone` compares with).
 */
export const timeUntilPainted = (step: {
  act: string
  isDone: string
  what: string
  before?: string
  watch?: string
}) => `new Promise((resolve, reject) => {
  ${step.before ?? ''}
  const started = performance.now()
  const isDone = () => ${step.isDone}
  const timer = setTimeout(() => {
    observer.disconnect()
    reject(new Error(${JSON.stringify(`not shown in time: ${step.what}`)}))
  }, ${waitMs})
  const observer = new MutationObserver(() => {
    if (!isDone()) return
    observer.disconnect()
    clearTimeout(timer)
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started)))
  })
  observer.observe(document, ${step.watch ?? watchTree})
  ${step.act}
})`

/** Ms from running `act` until `selector` is in the document, painted. */
export async function timeInPage(page: Page, act: string, selector: string): Promise<number> {
  const isDone = `document.querySelector(${JSON.stringify(selector)}) !== null`
  return z.number().parse(await page.evaluate(timeUntilPainted({ act, isDone, what: selector })))
}

/** JS that answers how many rows the app's `table` holds, read beside the app. */
export const countRows = (table: string) => `new Promise((resolve, reject) => {
  const opening = indexedDB.open('lull')
  opening.onerror = () => reject(opening.error)
  opening.onsuccess = () => {
    const db = opening.result
    const counting = db.transaction(${JSON.stringify(table)}).objectStore(${JSON.stringify(table)}).count()
    counting.onsuccess = () => {
      db.close()
      resolve(counting.result)
    }
    counting.onerror = () => reject(counting.error)
  }
})`

const Metrics = z.object({ metrics: z.array(z.object({ name: z.string(), value: z.number() })) })

/** One of Chromium's Performance metrics for the page (durations are in seconds). */
export async function metric(cdp: CDPSession, name: string): Promise<number> {
  const { metrics } = Metrics.parse(await cdp.send('Performance.getMetrics'))
  return metrics.find((entry) => entry.name === name)?.value ?? 0
}
