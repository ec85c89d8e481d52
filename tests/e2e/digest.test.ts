// The digest as a person reads it: grouped by source and channel under one
// header, whoever waits on a reply first, overdue and due-soon replies marked
// against the reply window, and earlier check-ins one choice away.
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

const hour = 60 * 60_000

describe.skipIf(!hasChromium)('the digest', () => {
  const browser = useChromium()

  it('puts replies first, marks the overdue one, and keeps earlier check-ins reachable', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const say = (thread: string, text: string, extra: { needsReply?: boolean; hoursAgo?: number } = {}) =>
        host.workspace.inject({
          ...slackMessage({
            channel: '#general',
            thread,
            author: 'Dana',
            text,
            needsReply: extra.needsReply ?? false,
          }),
          sentAt: Date.now() - (extra.hoursAgo ?? 0) * hour,
        })
      say('a', 'first check-in')
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)
      await page.getByRole('button', { name: /Check in now/ }).click()
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/1 new/)

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      say('b', 'just chatting', { hoursAgo: 1 })
      const overdue = say('c', 'can you review?', { needsReply: true, hoursAgo: 30 })
      const dueSoon = say('d', 'thoughts by tomorrow?', { needsReply: true, hoursAgo: 20 })
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(3)
      await page.getByRole('button', { name: /Check in now/ }).click()
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/3 new/)

      const rows = page.locator('.digest article')
      await expect.poll(() => rows.count()).toBe(3)
      expect(await rows.nth(0).getAttribute('data-item-id')).toBe(overdue.id)
      expect(await rows.nth(1).getAttribute('data-item-id')).toBe(dueSoon.id)
      expect(await rows.nth(0).locator('.chip-reply-overdue').textContent()).toBe('reply overdue')
      // Due 24 h after it was said, 20 h ago: about 4 h left.
      expect(await rows.nth(1).locator('.chip-reply-due-soon').textContent()).toMatch(/^reply due in [34] h$/)
      expect(await rows.nth(2).locator('[class*=chip-reply]').count()).toBe(0)
      // The header names the source and the place once, not each row.
      expect(await page.locator('.digest .triage-header').allTextContents()).toEqual(['Slack·#general3'])
      expect(await page.locator('.digest article .container:not(.visually-hidden)').count()).toBe(0)

      const earlier = page.getByRole('combobox', { name: /Check-in/ })
      expect(await earlier.locator('option').count()).toBe(2)
      const firstDigest = await earlier.locator('option').nth(1).getAttribute('value')
      await earlier.selectOption(firstDigest ?? '')
      await expect.poll(() => page.getByTestId('digest-title').textContent()).toMatch(/1 new/)
    } finally {
      await host.close()
    }
  })
})
