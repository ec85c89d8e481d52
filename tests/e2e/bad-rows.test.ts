// Stored rows that are not items, in a real Chromium with real IndexedDB:
// the views set them aside and say so instead of going blank, a check-in
// delivers the rest, and a view that still fails shows what failed with a
// way to try again while the rest of the app keeps working.
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

mkdirSync('test-results', { recursive: true })

const now = Date.now()

function row(n: number, state: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `sample:bad-rows-${n}`,
    accountId: 'sample',
    source: 'slack',
    stream: 'slack-general',
    externalId: `bad-rows-${n}`,
    threadKey: `slack:bad-rows-${n}`,
    container: '#general',
    author: { id: 'U1', name: 'Dana Whitfield' },
    title: `Stored row ${n}`,
    text: `Text of stored row ${n}`,
    sentAt: now - n * 1_000,
    needsReply: false,
    ...state,
  }
}

const delivered = { status: 'delivered', receivedAt: now - 60_000, deliveredAt: now - 60_000 }
const held = { status: 'held', receivedAt: now - 30_000 }
const good = [row(1, delivered), row(2, delivered), row(3, held)]
const withoutAuthor = { ...row(4, delivered), author: undefined }
const withoutSentAt = { ...row(5, delivered), sentAt: undefined }
const unknownSource = { ...row(6, held), source: 'teams' }
/** Parses as an item, but its time is past the end of the calendar: drawing it throws. */
const beyondTimeId = 'sample:bad-rows-7'
const beyondTime = { ...row(7, delivered), sentAt: 9_000_000_000_000_000 }

type PageIndexedDb = {
  open(name: string): {
    result: {
      transaction(
        store: string,
        mode: 'readwrite',
      ): {
        objectStore(name: string): { put(value: unknown): void }
        oncomplete: (() => void) | null
        onerror: (() => void) | null
        error: unknown
      }
      close(): void
    }
    error: unknown
    onsuccess: (() => void) | null
    onerror: (() => void) | null
  }
}

/** Writes rows straight into the app's database, as an old version or a hand edit could. */
async function putRows(page: Page, rows: unknown[]) {
  await page.evaluate(
    (values) =>
      new Promise<void>((resolve, reject) => {
        // Node's type config has no DOM; this runs in the page, which has IndexedDB.
        const { indexedDB } = globalThis as unknown as { indexedDB: PageIndexedDb }
        const open = indexedDB.open('lull')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('items', 'readwrite')
          for (const value of values) tx.objectStore('items').put(JSON.parse(JSON.stringify(value)))
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    rows,
  )
}

describe.skipIf(!hasChromium)('stored rows that are not items', () => {
  const browser = useChromium()

  it('sets bad rows aside, says so, and keeps every view up', async () => {
    const host = await startTestWebHost({ isScripted: false })
    try {
      const page = await browser().newPage()
      const pageErrors: string[] = []
      page.on('pageerror', (error) => pageErrors.push(error.message))
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      await putRows(page, [...good, withoutAuthor, withoutSentAt, unknownSource])

      await page.getByRole('button', { name: 'Inbox', exact: true }).click()
      const rows = page.locator('[data-testid=inbox-list] article')
      await expect.poll(() => rows.count()).toBe(2)
      await expect
        .poll(() => page.getByRole('alert').allTextContents())
        .toContain(
          '2 stored items could not be read and were set aside. The Now view counts what is set aside.',
        )
      expect(await page.getByTestId('view-failure').count()).toBe(0)

      // The held row with a source Lull does not know is set aside by the check-in.
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await page.getByRole('button', { name: /Check in now/ }).click()
      await expect
        .poll(() => page.getByTestId('digest-title').textContent())
        .toContain('Check-in: 1 new — Slack 1')
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect
        .poll(() => page.getByTestId('set-aside-count').textContent())
        .toContain('3 stored items could not be read and are set aside.')
      await page.screenshot({ path: 'test-results/bad-rows-now.png' })
      expect(pageErrors).toEqual([])
    } finally {
      await host.close()
    }
  })

  it('shows what failed in a view that throws, with a way to try again, and the other views still work', async () => {
    const host = await startTestWebHost({ isScripted: false })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      await putRows(page, [beyondTime])

      // The item view draws its item's time: one past the calendar's end makes it throw.
      host.hub.emit('notification:clicked', { target: { view: 'item', itemId: beyondTimeId } })
      const failure = page.getByTestId('view-failure')
      await expect.poll(() => failure.textContent()).toContain('The item view could not be shown')
      expect(await failure.getByRole('button', { name: 'Try again' }).count()).toBe(1)
      await page.screenshot({ path: 'test-results/bad-rows-view-failure.png' })

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(() => page.getByTestId('focus-state').textContent()).toBeTruthy()
      expect(await failure.count()).toBe(0)
    } finally {
      await host.close()
    }
  })
})
