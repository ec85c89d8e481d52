// Hostile text in a real Chromium over browser mode: a 20,000-character
// word, a title with a bidi override, a link whose user part names a
// familiar host. Each is shown for what it is, and nothing freezes.
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

mkdirSync('test-results', { recursive: true })

type TestHost = Awaited<ReturnType<typeof startTestWebHost>>
/** The page's window, as far as these tests read it (this file is type-checked without the DOM). */
type PageWindow = { getComputedStyle(element: unknown): { unicodeBidi: string } }

function say(
  host: TestHost,
  message: { thread: string; title: string; text: string; url?: string; author?: string },
) {
  return host.workspace.inject({
    source: 'slack',
    stream: 'slack-general',
    threadKey: `slack:${message.thread}`,
    container: '#general',
    author: { id: 'U-mallory', name: message.author ?? 'Mallory' },
    title: message.title,
    text: message.text,
    url: message.url,
    sentAt: Date.now(),
    needsReply: false,
  })
}

describe.skipIf(!hasChromium)('hostile text', () => {
  const browser = useChromium()

  /** Lull with the given messages delivered in a check-in, showing the digest. */
  async function deliver(host: TestHost, count: number): Promise<Page> {
    const page = await browser().newPage()
    await page.goto(host.url)
    await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(count)
    await page.getByRole('button', { name: /Check in now/ }).click()
    await expect.poll(() => page.locator('.digest article').count()).toBe(count)
    return page
  }

  it('shows a bounded snippet of a 20,000-character word in its row, and the whole text when opened', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const text = 'Q'.repeat(20_000)
      const long = say(host, { thread: 'long', title: 'A pasted token', text })
      const page = await deliver(host, 1)
      const row = page.locator(`.digest [data-item-id="${long.id}"]`)
      const shown = (await row.locator('.item-text').textContent()) ?? ''
      expect(shown.length).toBeLessThanOrEqual(301)
      expect(shown).toBe(`${'Q'.repeat(shown.length - 1)}…`)

      await row.getByRole('button', { name: 'View' }).click()
      const opened = page.locator(`section[aria-label="Item"] [data-item-id="${long.id}"] .item-text`)
      await expect.poll(() => opened.textContent()).toBe(text)
      // The whole text wraps inside its box instead of running off its edge.
      const overflow = await opened.evaluate((field) => field.scrollWidth - field.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await page.screenshot({ path: 'test-results/hostile-text-item.png' })
    } finally {
      await host.close()
    }
  })

  it('shows a title and a name carrying bidi overrides isolated, in the order they are spelled', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const spoof = say(host, {
        thread: 'bidi',
        title: 'invoice\u202efdp.exe',
        author: '\u2067Mallory',
        text: 'see \u202eattached',
      })
      const page = await deliver(host, 1)
      const row = page.locator(`.digest [data-item-id="${spoof.id}"]`)
      expect(await row.locator('.item-title').textContent()).toBe('invoicefdp.exe')
      expect(await row.locator('.author').textContent()).toBe('Mallory')
      expect(await row.locator('.item-text').textContent()).toBe('see attached')
      const isolation = await row
        .locator('.item-title bdi, header bdi')
        .evaluateAll((fields) =>
          fields.map((field) => (globalThis as unknown as PageWindow).getComputedStyle(field).unicodeBidi),
        )
      expect(isolation.length).toBeGreaterThanOrEqual(3)
      expect(new Set(isolation)).toEqual(new Set(['isolate']))
    } finally {
      await host.close()
    }
  })

  it('names the real host beside Open and asks once more when the link puts a familiar name in its user part', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const trick = say(host, {
        thread: 'link',
        title: 'Your review is needed',
        text: 'on the GitHub pull request',
        url: 'HTTPS://github.com@Evil.Example/acme/api/pull/7',
      })
      const page = await deliver(host, 1)
      const open = page.locator(`.digest [data-item-id="${trick.id}"]`).getByRole('button', { name: /^Open/ })
      expect(await open.textContent()).toBe('Open · evil.example')
      await open.click()
      const warning = page.getByRole('alert').filter({ hasText: 'hides where it goes' })
      await expect
        .poll(() => warning.textContent())
        .toContain('starts with “github.com” but opens evil.example')
      expect(host.ports.openedLinks).toEqual([])
      await warning.getByRole('button', { name: 'Open evil.example anyway' }).click()
      await expect
        .poll(() => host.ports.openedLinks)
        .toEqual(['https://github.com@evil.example/acme/api/pull/7'])
    } finally {
      await host.close()
    }
  })
})
