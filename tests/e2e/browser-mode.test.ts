// Lull in a real Chromium over browser mode: the built renderer, real
// IndexedDB, the real host over the loopback bridge, the sample workspace.
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

mkdirSync('test-results', { recursive: true })

describe.skipIf(!hasChromium)('browser mode', () => {
  const browser = useChromium()

  async function openLull(url: string): Promise<Page> {
    const page = await browser().newPage()
    page.on('dialog', (dialog) => {
      throw new Error(`A dialog opened: ${dialog.message()}`)
    })
    await page.goto(url)
    return page
  }

  it('shows sample items arriving, keeps them across a reload, and delivers them at check-in', async () => {
    const host = await startTestWebHost({ slotMs: 250, backlogMs: 5_000, pollAfterMs: 250 })
    try {
      const page = await openLull(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      // The token leaves the address bar once read, and a reload still connects.
      expect(page.url()).not.toContain('token')
      const waiting = page.getByTestId('waiting-count')
      await expect
        .poll(async () => Number(await waiting.textContent()), { timeout: 15_000 })
        .toBeGreaterThan(2)

      await page.getByRole('button', { name: /Check in now/ }).click()
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/Check-in: \d+ new/)
      await page.getByRole('button', { name: 'Inbox', exact: true }).click()
      const rows = page.locator('[data-testid=inbox-list] article')
      await expect.poll(() => rows.count()).toBeGreaterThan(2)
      const firstTitle = await rows.first().locator('.item-title').textContent()

      await page.reload()
      expect(page.url()).not.toContain('token')
      await page.getByRole('button', { name: 'Inbox', exact: true }).click()
      await expect.poll(() => rows.count()).toBeGreaterThan(2)
      await expect
        .poll(() => page.locator('.item-title', { hasText: firstTitle ?? '' }).count())
        .toBeGreaterThan(0)
      await page.screenshot({ path: 'test-results/browser-mode-inbox.png' })
    } finally {
      await host.close()
    }
  })

  it('renders a message carrying HTML and script as plain text and runs nothing', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await openLull(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const hostile = host.workspace.inject({
        source: 'slack',
        stream: 'slack-general',
        threadKey: 'slack:hostile',
        container: '#general',
        author: { id: 'U9', name: '<b>Mallory</b>' },
        title: '<img src=x onerror="window.__lullPwned=1">',
        text: '<script>window.__lullPwned=2</script><a href="javascript:alert(1)">click</a>',
        sentAt: Date.now(),
        needsReply: false,
      })
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)
      await page.getByRole('button', { name: /Check in now/ }).click()
      const row = page.locator(`[data-item-id="${hostile.id}"]`)
      await expect.poll(() => row.locator('.item-title').textContent()).toBe(hostile.title)
      expect(await row.locator('.item-text').textContent()).toBe(hostile.text)
      expect(await row.locator('img, script, a, b').count()).toBe(0)
      expect(await page.evaluate(() => (globalThis as { __lullPwned?: number }).__lullPwned)).toBeUndefined()
    } finally {
      await host.close()
    }
  })

  it('takes a second browser on the same host for a second store, and says when this browser lost its store', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const first = await browser().newContext()
    const second = await browser().newContext()
    try {
      const emptied = (page: Page) => page.getByRole('alert').filter({ hasText: 'was emptied' }).count()
      const a = await first.newPage()
      await a.goto(host.url)
      // The store check runs before the sample workspace connects, so by then any alarm is on screen.
      await expect.poll(() => a.getByRole('note').filter({ hasText: 'Sample workspace' }).count()).toBe(1)
      expect(await emptied(a)).toBe(0)

      // Another browser (its own IndexedDB) on the same host: a second store, not a wiped one.
      const b = await second.newPage()
      await b.goto(host.url)
      await expect.poll(() => b.getByRole('note').filter({ hasText: 'Sample workspace' }).count()).toBe(1)
      expect(await emptied(b)).toBe(0)

      // The first browser's own store is deleted under it: that is said.
      await a.evaluate(
        () =>
          new Promise<void>((done, fail) => {
            // The Node-side types have no DOM: the page's IndexedDB, typed as far as used here.
            type Request = { error: unknown; onsuccess: () => void; onerror: () => void }
            const idb = (globalThis as unknown as { indexedDB: { deleteDatabase(name: string): Request } })
              .indexedDB
            const request = idb.deleteDatabase('lull')
            request.onsuccess = () => done()
            request.onerror = () => fail(request.error)
          }),
      )
      await a.reload()
      await expect.poll(() => emptied(a)).toBe(1)
      expect(await emptied(b)).toBe(0)
    } finally {
      await first.close()
      await second.close()
      await host.close()
    }
  })

  it('refuses a page without the token and says what to do', async () => {
    const host = await startTestWebHost({ isScripted: false })
    try {
      const page = await openLull(host.url.replace(/#token=.*/, ''))
      await expect.poll(() => page.getByRole('alert').textContent()).toContain('npm run web')
      const wrong = await openLull(host.url.replace(/#token=.*/, '#token=wrong'))
      await expect.poll(() => wrong.getByRole('alert').textContent()).toContain('could not reach its host')
      expect(host.log.lines.some((line) => line.message.includes('missing or wrong token'))).toBe(true)
    } finally {
      await host.close()
    }
  })
})
