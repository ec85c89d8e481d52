// Search in a real Chromium: "/" reaches the field, words find items by
// sender, title and text through the index, and filters narrow what it finds.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('search and filters', () => {
  const browser = useChromium()

  it('finds by words, held or delivered, and filters by status and needs-reply', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const deploy = host.workspace.inject(
        slackMessage({
          channel: '#general',
          thread: 'a',
          author: 'Priya',
          text: 'the deploy pipeline is red',
          needsReply: true,
        }),
      )
      host.workspace.inject(
        slackMessage({ channel: '#general', thread: 'b', author: 'Sam', text: 'deploy party at five' }),
      )
      host.workspace.inject(slackMessage({ channel: '#general', thread: 'c', author: 'Sam', text: 'lunch?' }))
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(3)

      await page.locator('body').click({ position: { x: 5, y: 400 } })
      await page.keyboard.press('/')
      const field = page.getByRole('searchbox', { name: 'Search' })
      await expect
        .poll(() => field.evaluate((element) => element === element.ownerDocument.activeElement))
        .toBe(true)
      await page.keyboard.type('deplo')
      const results = page.locator('[data-testid=search-results] article')
      await expect.poll(() => results.count()).toBe(2)
      await field.fill('priya red')
      await expect.poll(() => results.count()).toBe(1)
      expect(await results.first().getAttribute('data-item-id')).toBe(deploy.id)

      await field.fill('deploy')
      await expect.poll(() => results.count()).toBe(2)
      // The sample workspace is the only account: filtering by it keeps both.
      const account = page.getByRole('combobox', { name: 'Account' })
      await expect.poll(() => account.locator('option').count()).toBe(2)
      await account.selectOption({ index: 1 })
      await expect.poll(() => results.count()).toBe(2)
      await page.getByRole('checkbox', { name: 'Needs a reply' }).check()
      await expect.poll(() => results.count()).toBe(1)
      await page.getByRole('combobox', { name: 'Status' }).selectOption('delivered')
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Nothing matches' }).count()).toBe(1)
      await field.fill('nothing-like-this')
      await expect.poll(() => page.getByText(/Nothing matches “nothing-like-this”/).count()).toBe(1)
    } finally {
      await host.close()
    }
  })

  it('answers the list keys in the results: j moves, e marks done, u undoes', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      for (const thread of ['a', 'b', 'c'])
        host.workspace.inject(
          slackMessage({ channel: '#general', thread, author: 'Sam', text: `rollout ${thread}` }),
        )
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(3)

      await page.locator('body').click({ position: { x: 5, y: 400 } })
      await page.keyboard.press('/')
      await page.keyboard.type('rollout')
      const rows = page.locator('[data-testid=search-results] [role="row"]')
      await expect.poll(() => rows.count()).toBe(3)
      await page.keyboard.press('Escape')
      await page.keyboard.press('j')
      const selected = page.locator('[data-testid=search-results] [role="row"][aria-selected="true"] article')
      await expect.poll(() => rows.nth(1).getAttribute('aria-selected')).toBe('true')
      const second = await selected.getAttribute('data-item-id')
      await page.keyboard.press('e')
      const status = (id: string | null) =>
        page.locator(`[data-testid=search-results] article[data-item-id="${id}"]`).getAttribute('data-status')
      await expect.poll(() => status(second)).toBe('done')
      // Back from done as it was: held, for its check-in.
      await page.keyboard.press('u')
      await expect.poll(() => status(second)).toBe('held')
    } finally {
      await host.close()
    }
  })
})
