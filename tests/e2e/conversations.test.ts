// One conversation through two sources, in a real Chromium over browser
// mode: a pull request's GitHub notification and a Slack post linking it
// become one row in the digest, which says through which places it came;
// the check-in counts conversations; the item view lists both messages;
// done on the row marks both done and writes each back to its source once;
// "Not the same" splits a wrongly merged message out, and Undo merges it back.
import AxeBuilder from '@axe-core/playwright'
import { describe, expect, it } from 'vitest'
import { hasChromium, useChromium } from '../support/chromium'
import { slackMessage, startTestWebHost } from './web-host'

const prUrl = 'https://github.com/acme/api/pull/123'

/** The pull request's GitHub notification, as the sample workspace injects it. */
const reviewRequest = {
  source: 'github',
  stream: 'github',
  threadKey: 'github:pr-123',
  container: 'acme/api',
  author: { id: 'lee', name: 'Lee' },
  title: 'Retry webhooks on 502',
  text: 'Review requested',
  url: prUrl,
  sentAt: Date.now() - 60_000,
  needsReply: true,
  github: { reason: 'review_requested', subjectType: 'PullRequest' },
} as const

describe.skipIf(!hasChromium)('one conversation through two sources', () => {
  const browser = useChromium()

  it('is one row in the digest, shows both messages, and is done everywhere at once', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    try {
      const page = await context.newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').count()).toBeGreaterThan(0)
      const notification = host.workspace.inject(reviewRequest)
      const post = host.workspace.inject({
        ...slackMessage({
          channel: '#general',
          thread: 'p1',
          author: 'Dana',
          text: `Can someone look at ${prUrl}?`,
        }),
        facts: { links: [prUrl] },
      })
      host.workspace.inject(
        slackMessage({ channel: '#general', thread: 'p2', author: 'Sam', text: 'Lunch at noon' }),
      )
      // Now counts what waits as conversations, and says how many updates they hold.
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(2)
      expect(await page.getByTestId('waiting-updates').textContent()).toBe('(3 updates)')

      await page.keyboard.press('Control+k')
      await page.keyboard.type('check in now')
      await page.keyboard.press('Enter')
      await expect
        .poll(() => page.getByTestId('digest-title').textContent())
        .toContain('Check-in: 2 conversations (3 updates)')
      const rows = page.locator('.digest article')
      await expect.poll(() => rows.count()).toBe(2)
      const merged = page.locator('.digest [role="row"]', { hasText: 'via GitHub, #general' })
      await expect.poll(() => merged.count()).toBe(1)

      // A merged row, as a screen reader and axe see it: no violation of any impact.
      const axe = await new AxeBuilder({ page })
        .include('.digest')
        .options({ resultTypes: ['violations'] })
        .analyze()
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])

      // The item view lists both messages of the conversation, each with where it came from.
      await merged.click()
      await page.keyboard.press('Enter')
      const thread = page.getByTestId('item-thread')
      await expect.poll(() => thread.locator('li').count()).toBe(2)
      expect(await thread.locator('h2').textContent()).toContain('via GitHub, #general')
      await page.keyboard.press('Escape')

      // Done on the row marks both done, and each goes back to its source once the undo window is over.
      await expect.poll(() => merged.count()).toBe(1)
      await merged.click()
      await page.keyboard.press('e')
      await expect.poll(() => merged.locator('article').getAttribute('data-status')).toBe('done')
      await expect.poll(() => host.workspace.controls.writes().done.length, { timeout: 30_000 }).toBe(2)
      expect([...host.workspace.controls.writes().done].sort()).toEqual(
        [notification.externalId, post.externalId].sort(),
      )
    } finally {
      await context.close()
      await host.close()
    }
  })

  it('splits a wrongly merged message out with "Not the same", and merges it back with Undo', async () => {
    const host = await startTestWebHost({ isScripted: false, pollAfterMs: 200 })
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } })
    try {
      const page = await context.newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').count()).toBeGreaterThan(0)
      host.workspace.inject(reviewRequest)
      host.workspace.inject({
        ...slackMessage({
          channel: '#general',
          thread: 'p1',
          author: 'Dana',
          text: `Like ${prUrl}, but for queues`,
        }),
        facts: { links: [prUrl] },
      })
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)
      await page.keyboard.press('Control+k')
      await page.keyboard.type('check in now')
      await page.keyboard.press('Enter')
      const rows = page.locator('.digest article')
      await expect.poll(() => rows.count()).toBe(1)

      await page.locator('.digest [role="row"]', { hasText: 'via GitHub, #general' }).click()
      await page.keyboard.press('Enter')
      const thread = page.getByTestId('item-thread')
      await expect.poll(() => thread.locator('li').count()).toBe(2)
      const itemAxe = await new AxeBuilder({ page })
        .include('.item-view')
        .options({ resultTypes: ['violations'] })
        .analyze()
      expect(itemAxe.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
      await page.getByRole('button', { name: /Not the same conversation/ }).click()
      // The conversation is the opened message's thread alone now.
      await expect.poll(() => thread.count()).toBe(0)
      const toast = page.getByTestId('kept-apart')
      await expect.poll(() => toast.count()).toBe(1)

      await page.keyboard.press('Escape')
      await expect.poll(() => rows.count()).toBe(2)
      await expect.poll(() => page.locator('.digest [role="row"]', { hasText: 'via' }).count()).toBe(0)

      await toast.getByRole('button', { name: 'Undo' }).click()
      await expect.poll(() => rows.count()).toBe(1)
      await expect
        .poll(() => page.locator('.digest [role="row"]', { hasText: 'via GitHub, #general' }).count())
        .toBe(1)
    } finally {
      await context.close()
      await host.close()
    }
  })
})
