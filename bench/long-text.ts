// Long unbroken text in the real built renderer (browser mode, Chromium):
// a check-in digest of 20 messages of 20,000 characters without a space,
// and one of them opened in the item view, against the same with ordinary
// words of the same length, measured in the same run. Layout time is
// Chromium's own (Performance.getMetrics LayoutDuration); ratios are long /
// words per round, then the median. Needs `npx electron-vite build` first.
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { type CDPSession, chromium, type Page } from 'playwright-core'
import { seededRandom } from '../src/shared/seeded-random'
import { startTestWebHost } from '../tests/e2e/web-host'
import { chromiumArgs, chromiumPath } from '../tests/support/chromium'

const messageCount = 20
const messageLength = 20_000
const waitMs = 120_000

type Kind = 'words' | 'long'
/** The page's window, as far as this benchmark uses it (this file is type-checked without the DOM). */
type PageWindow = { requestAnimationFrame(callback: () => void): number }
type Phase = { layoutMs: number; wallMs: number }
type Round = Record<Kind, { digest: Phase; item: Phase }>

const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/'

/**
 * 20,000 random characters (a pasted token or log line): one run without a
 * space, or the same characters with a space every 2–10 of them, so the
 * only difference is the word length (and no word repeats to flatter
 * Chromium's word shape cache).
 */
function messageText(kind: Kind, seed: number): string {
  const random = seededRandom(seed)
  let text = ''
  let nextSpace = 2 + Math.floor(random() * 9)
  while (text.length < messageLength) {
    if (kind === 'words' && text.length === nextSpace) {
      text += ' '
      nextSpace += 3 + Math.floor(random() * 9)
      continue
    }
    text += alphabet[Math.floor(random() * alphabet.length)]
  }
  return text
}

async function layoutSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return metrics.find((metric) => metric.name === 'LayoutDuration')?.value ?? 0
}

/** Time from `act` until `isDone` and the next painted frame, in layout ms and wall ms. */
async function measure(page: Page, cdp: CDPSession, act: () => Promise<void>, isDone: () => Promise<void>) {
  const layoutBefore = await layoutSeconds(cdp)
  const started = performance.now()
  await act()
  await isDone()
  // Two frames: the first runs before the next paint, the second after it.
  await page.evaluate(() => {
    const frames = globalThis as unknown as PageWindow
    return new Promise((settled) =>
      frames.requestAnimationFrame(() => frames.requestAnimationFrame(() => settled(null))),
    )
  })
  return { layoutMs: ((await layoutSeconds(cdp)) - layoutBefore) * 1000, wallMs: performance.now() - started }
}

async function runKind(
  page: Page,
  cdp: CDPSession,
  host: Awaited<ReturnType<typeof startTestWebHost>>,
  kind: Kind,
  round: number,
) {
  await page.getByRole('button', { name: 'Now', exact: true }).click()
  const ids = Array.from({ length: messageCount }, (_, index) => {
    const item = host.workspace.inject({
      source: 'slack',
      stream: 'slack-general',
      threadKey: `slack:bench-${round}-${kind}-${index}`,
      container: '#general',
      author: { id: 'U-bench', name: 'Bench' },
      title: `${kind} ${round}.${index}`,
      text: messageText(kind, round * 1_000 + index + (kind === 'long' ? 500 : 0)),
      sentAt: Date.now(),
      needsReply: false,
    })
    return item.id
  })
  const waiting = page.getByTestId('waiting-count')
  await waiting.filter({ hasText: new RegExp(`^${messageCount}$`) }).waitFor({ timeout: waitMs })
  const lastRow = page.locator(`.digest [data-item-id="${ids[ids.length - 1]}"]`)
  const digest = await measure(
    page,
    cdp,
    () => page.getByRole('button', { name: /Check in now/ }).click(),
    () => lastRow.waitFor({ timeout: waitMs }),
  )
  const firstRow = page.locator(`.digest [data-item-id="${ids[0]}"]`)
  const item = await measure(
    page,
    cdp,
    () => firstRow.getByRole('button', { name: 'View' }).click(),
    () => page.locator(`[data-item-id="${ids[0]}"] .item-text[data-full]`).waitFor({ timeout: waitMs }),
  )
  return { digest, item }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

function describe(rounds: Round[]): string[] {
  const ms = (value: number) => `${value.toFixed(0)} ms`
  const lines = [
    `${messageCount} messages of ${messageLength.toLocaleString('en')} characters, median of ${rounds.length} rounds (words first in odd rounds)`,
  ]
  for (const phase of ['digest', 'item'] as const) {
    const label = phase === 'digest' ? 'digest of 20 rows' : 'item view, whole text'
    for (const kind of ['words', 'long'] as const) {
      const layouts = rounds.map((round) => round[kind][phase].layoutMs)
      const walls = rounds.map((round) => round[kind][phase].wallMs)
      lines.push(
        `${`${label}, ${kind === 'words' ? 'ordinary words' : 'unbroken'}:`.padEnd(40)}layout ${ms(median(layouts))}, ` +
          `on screen in ${ms(median(walls))}  (layout per round: ${layouts.map(ms).join(', ')})`,
      )
    }
    // Layout of a short baseline is a few ms: a floor of 1 ms keeps the ratio meaningful.
    const ratio = median(
      rounds.map((round) => round.long[phase].layoutMs / Math.max(round.words[phase].layoutMs, 1)),
    )
    lines.push(`${label}: unbroken / words layout ratio ${ratio.toFixed(2)}×`)
  }
  return lines
}

export async function benchLongText(options: { rounds?: number } = {}): Promise<string[]> {
  const rounds = options.rounds ?? 3
  if (!existsSync(resolve('out/renderer/index.html'))) {
    throw new Error('The built renderer is missing (out/renderer): run `npx electron-vite build` first.')
  }
  const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } })
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    await page.goto(host.url)
    await page.getByRole('note').waitFor({ timeout: waitMs })
    // One unmeasured round of each, so the measured ones do not pay for start-up and JIT.
    await runKind(page, cdp, host, 'words', 0)
    await runKind(page, cdp, host, 'long', 0)
    const results: Round[] = []
    for (let round = 1; round <= rounds; round++) {
      const isWordsFirst = round % 2 === 1
      const first = await runKind(page, cdp, host, isWordsFirst ? 'words' : 'long', round)
      const second = await runKind(page, cdp, host, isWordsFirst ? 'long' : 'words', round)
      results.push(isWordsFirst ? { words: first, long: second } : { words: second, long: first })
    }
    return describe(results)
  } finally {
    await browser.close()
    await host.close()
  }
}
