// Keys on the Inbox's list: `j` pressed row after row, from the keydown to
// the frame that shows the selection moved (aria-selected on the next row),
// painted (goal p95 ≤ 16 ms); and Shift+E ("done through here") on the
// 500th row, from the keydown to the list painted without those 500 rows
// (goal ≤ 100 ms). The keydown's own timestamp starts the clock, so the
// time the browser takes to hand the key to the page counts too.
import type { Page } from 'playwright-core'
import { z } from 'zod'
import { count, ms, percentile, ratio, verdict } from './format'
import { clickTab, inboxSettled, listGrid, listRow, nowShown, sleep, timeInPage, waitMs } from './page'

const pressGoalMs = 16
const doneGoalMs = 100
/** A pause between presses: each is a key pressed on its own, not a key held down. */
const betweenPressesMs = 100

/**
 * JS for a promise that arms on the next keydown of `key` and answers, from
 * that keydown, when `isDone` first holds (seen) and after its frame is
 * painted. `before` runs first; globalThis.__faceArmed says it is listening.
 */
const timeKey = (step: {
  key: string
  isDone: string
  before?: string
  watch: string
}) => `new Promise((resolve, reject) => {
  ${step.before ?? ''}
  let pressedAt
  const onKey = (event) => {
    if (event.key === ${JSON.stringify(step.key)}) pressedAt = event.timeStamp
  }
  window.addEventListener('keydown', onKey, true)
  const timer = setTimeout(() => {
    observer.disconnect()
    reject(new Error('nothing changed in time after the key ' + ${JSON.stringify(step.key)}))
  }, ${waitMs})
  const observer = new MutationObserver(() => {
    if (pressedAt === undefined || !(${step.isDone})) return
    observer.disconnect()
    clearTimeout(timer)
    window.removeEventListener('keydown', onKey, true)
    const seen = performance.now() - pressedAt
    requestAnimationFrame(() => setTimeout(() => resolve({ seen, painted: performance.now() - pressedAt })))
  })
  observer.observe(document, ${step.watch})
  globalThis.__faceArmed = true
})`

const KeyTiming = z.object({ seen: z.number(), painted: z.number() })
type KeyTiming = z.infer<typeof KeyTiming>

/** Arms `script` in the page, presses `key` (Playwright's name for it), and answers the timing. */
async function pressTimed(page: Page, script: string, key: string): Promise<KeyTiming> {
  const watching = page.evaluate(script)
  await page.waitForFunction(() => (globalThis as { __faceArmed?: boolean }).__faceArmed === true)
  await page.evaluate('globalThis.__faceArmed = false')
  await page.keyboard.press(key)
  return KeyTiming.parse(await watching)
}

// ---- j, row after row.

const selectedKey = `[...document.querySelectorAll(${JSON.stringify(`${listGrid} [role=row][aria-selected=true]`)})].map((row) => row.dataset.key).join(' ')`

const timeNextRow = timeKey({
  key: 'j',
  before: `const from = ${selectedKey}`,
  isDone: `(() => { const to = ${selectedKey}; return to !== '' && to !== from })()`,
  watch: "{ subtree: true, childList: true, attributes: true, attributeFilter: ['aria-selected'] }",
})

/**
 * The Inbox opened afresh from the Now view (so its list holds its first
 * page only), its first row focused, then `presses` presses of j.
 */
export async function timePresses(page: Page, presses: number): Promise<KeyTiming[]> {
  await timeInPage(page, clickTab('Now'), nowShown)
  await timeInPage(page, clickTab('Inbox'), listRow)
  await inboxSettled(page)
  await page.locator(`${listGrid} [role=row]`).first().focus()
  await sleep(500)
  const timings: KeyTiming[] = []
  for (let press = 0; press < presses; press++) {
    timings.push(await pressTimed(page, timeNextRow, 'j'))
    await sleep(betweenPressesMs)
  }
  return timings
}

// ---- Shift+E on a row far down.

const rowCount = async (page: Page) =>
  z
    .number()
    .parse(
      await page.evaluate(
        `Number(document.querySelector(${JSON.stringify(listGrid)}).getAttribute('aria-rowcount'))`,
      ),
    )

const scrollListTo = (page: Page, top: string) =>
  page.evaluate(`document.querySelector(${JSON.stringify(listGrid)}).scrollTop = ${top}`)

/**
 * Rows kept below the one pressed on while more can come: the list asks for
 * its next page while its end is within a screen of the view, and while it
 * keeps asking, its query restarts and the list shows no change.
 */
const marginRows = 50

/**
 * Brings the list's end into view and out again until it holds more than
 * `wanted` rows, or no more come; answers how many it holds and whether that
 * is all. Out again, because while its end stays in view the list keeps
 * asking for the next page, and the rows asked for arrive only once it is out.
 */
async function loadRows(page: Page, wanted: number): Promise<{ held: number; isAll: boolean }> {
  let held = await rowCount(page)
  while (held <= wanted) {
    await scrollListTo(page, `document.querySelector(${JSON.stringify(listGrid)}).scrollHeight`)
    await sleep(200)
    await scrollListTo(page, '0')
    let grown = held
    for (let waited = 0; grown === held && waited < 5_000; waited += 200) {
      await sleep(200)
      grown = await rowCount(page)
    }
    if (grown === held) return { held, isAll: true }
    held = grown
  }
  // Settled: the last page asked for has arrived.
  await sleep(1_000)
  return { held: await rowCount(page), isAll: false }
}

const rowAt = (index: number) => `${listGrid} [role=row][aria-rowindex="${index}"]`

/** Keys of the rows drawn (the list draws those in view) at indexes up to `last`. */
const readDrawnKeys = (
  last: number,
) => `[...document.querySelectorAll(${JSON.stringify(`${listGrid} [role=row][data-key]`)})]
  .filter((row) => Number(row.getAttribute('aria-rowindex')) <= ${last})
  .map((row) => row.dataset.key)`

export type DoneThrough = { rows: number; held: number; items: number; timing: KeyTiming }

/**
 * Loads the Inbox's list past row `rows` (fewer if the store has fewer),
 * focuses that row and presses Shift+E. Done when the list draws rows again
 * and none of them is one it drew at or above that row before, painted. It
 * marks those items done: the last step of a run.
 */
export async function timeDoneThrough(page: Page, rows: number): Promise<DoneThrough> {
  await inboxSettled(page)
  const { held, isAll } = await loadRows(page, rows + marginRows)
  const through = Math.min(rows, isAll ? held - 1 : held - marginRows)
  const rowHeight = z
    .number()
    .parse(await page.evaluate(`document.querySelector(${JSON.stringify(rowAt(1))})?.offsetHeight ?? 36`))
  await scrollListTo(page, String((through - 4) * rowHeight))
  await page.locator(rowAt(through)).focus({ timeout: waitMs })
  await sleep(1_000)
  const gone = z.array(z.string()).parse(await page.evaluate(readDrawnKeys(through)))
  const rowsDrawn = `[...document.querySelectorAll(${JSON.stringify(`${listGrid} [role=row][data-key]`)})]`
  const script = timeKey({
    key: 'E',
    before: `const gone = new Set(${JSON.stringify(gone)})`,
    isDone: `(() => { const drawn = ${rowsDrawn}; return drawn.length > 0 && drawn.every((row) => !gone.has(row.dataset.key)) })()`,
    watch: "{ subtree: true, childList: true, attributes: true, attributeFilter: ['data-key'] }",
  })
  const timing = await pressTimed(page, script, 'Shift+E')
  const toast = (await page.getByTestId('undo-done').textContent({ timeout: waitMs })) ?? ''
  const items = Number(/Marked (\d+) items done/.exec(toast)?.[1] ?? Number.NaN)
  return { rows: through, held, items, timing }
}

// ---- The figures.

export type KeyFigures = { items: number; presses: KeyTiming[]; doneThrough: DoneThrough }

export function describeKeys(large: KeyFigures, baseline: KeyFigures): string[] {
  const p = (timings: KeyTiming[], key: 'seen' | 'painted', share: number) =>
    percentile(
      timings.map((timing) => timing[key]),
      share,
    )
  const pressLine = ({ presses }: KeyFigures) =>
    `p50 ${ms(p(presses, 'painted', 0.5))}, p95 ${ms(p(presses, 'painted', 0.95))}, ` +
    `max ${ms(p(presses, 'painted', 1))} (aria-selected moved: p50 ${ms(p(presses, 'seen', 0.5))}, ` +
    `p95 ${ms(p(presses, 'seen', 0.95))})`
  const p95 = p(large.presses, 'painted', 0.95)
  const done = large.doneThrough
  const doneLine = ({ doneThrough }: KeyFigures) =>
    `${ms(doneThrough.timing.painted)} (rows gone from the DOM at ${ms(doneThrough.timing.seen)}; ` +
    `${count(doneThrough.rows)} rows, ${count(doneThrough.items)} items marked done; ` +
    `the list held ${count(doneThrough.held)} rows)`
  return [
    `Inbox, j pressed ${large.presses.length} times, keydown to the next row selected and painted, ` +
      `${count(large.items)} items: ${pressLine(large)} (goal p95 ≤ ${pressGoalMs} ms, ${verdict(p95 <= pressGoalMs)})`,
    `  ${count(baseline.items)} items: ${pressLine(baseline)}; p95 ratio ${ratio(p95, p(baseline.presses, 'painted', 0.95))}`,
    `Inbox, Shift+E ("done through here") on row ${count(done.rows)}, keydown to the list painted without those rows, ` +
      `${count(large.items)} items: ${doneLine(large)} (goal ≤ ${doneGoalMs} ms, ${verdict(done.timing.painted <= doneGoalMs)})`,
    `  ${count(baseline.items)} items: ${doneLine(baseline)}; ratio ${ratio(done.timing.painted, baseline.doneThrough.timing.painted)}`,
  ]
}
