// Connecting GitHub as a person does it, in a real Chromium over browser
// mode against the GitHub emulator: a fine-grained token is turned away
// with what to create instead; a classic token connects, the sample
// workspace steps aside, notifications arrive, the person chooses
// "participating only" and what done writes back, and done reaches GitHub.
import { describe, expect, it } from 'vitest'
import { createGithubSourceFactory } from '../../src/main/sources/github'
import { startGithubEmulator } from '../emulators/github/server'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('connecting GitHub', () => {
  const browser = useChromium()

  it('connects with a classic token, pulls notifications, and writes done back as the person chose', async () => {
    const emulator = await startGithubEmulator({ now: Date.now })
    const host = await startTestWebHost(
      { isScripted: false, pollAfterMs: 200 },
      { sources: { github: createGithubSourceFactory({ retryBaseMs: 10 }) } },
    )
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      const thread = emulator.say({
        title: 'Review the release branch',
        reason: 'review_requested',
        type: 'PullRequest',
      })
      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      await page.getByRole('button', { name: 'GitHub', exact: true }).click()
      const form = page.getByRole('form', { name: 'Connect GitHub' })
      await form.getByRole('textbox', { name: /Enterprise Server/ }).fill(emulator.url)

      await form.getByLabel('Token').fill('github_pat_11FINEGRAINED')
      await form.getByRole('button', { name: 'Connect GitHub' }).click()
      await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/fine-grained.*classic token/s)

      await form.getByLabel('Token').fill(emulator.token())
      await form.getByRole('button', { name: 'Connect GitHub' }).click()
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'connected as octocat' }).count())
        .toBe(1)
      // The sample workspace steps aside once a real account is connected.
      await expect.poll(() => page.getByRole('note').count()).toBe(0)
      const card = page.locator('article.account').first()
      await expect.poll(() => card.locator('tr[data-stream=notifications]').count()).toBe(1)
      // The login's picture, fetched by main and shown from a data: URL.
      expect(await card.locator('img.avatar').getAttribute('src')).toMatch(/^data:image\/png;base64,/)
      await expect.poll(() => card.locator('.pace').textContent()).toMatch(/pulls? an hour/)

      // The choice is saved, then drawn: click, and wait for the list to follow.
      await card.getByRole('radio', { name: /Only where you take part/ }).click()
      await expect.poll(() => card.locator('tr[data-stream=participating]').count()).toBe(1)
      expect(await card.locator('tr[data-stream=notifications]').count()).toBe(0)
      // What done writes back is among the account's settings, folded until asked for.
      await card.getByText('Settings for this account').click()
      await card.getByRole('combobox', { name: /When I mark an item done/ }).selectOption('read')

      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect.poll(async () => Number(await page.getByTestId('waiting-count').textContent())).toBe(1)
      await page.getByRole('button', { name: /Check in now/ }).click()
      const row = page.locator('.digest article').first()
      await expect.poll(() => row.locator('.item-title').textContent()).toBe('Review the release branch')
      await row.getByRole('button', { name: 'Done' }).click()
      await expect.poll(() => emulator.writes().read).toEqual([thread])
      expect(emulator.writes().done).toEqual([])
    } finally {
      await host.close()
      await emulator.stop()
    }
  })

  it('says on the card when GitHub refuses the sign-in, and Reconnect signs the same account in again', async () => {
    const emulator = await startGithubEmulator({ now: Date.now })
    const host = await startTestWebHost(
      { isScripted: false, pollAfterMs: 200 },
      { sources: { github: createGithubSourceFactory({ retryBaseMs: 10 }) } },
    )
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await expect.poll(() => page.getByRole('note').textContent()).toContain('Sample workspace')
      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      await page.getByRole('button', { name: 'GitHub', exact: true }).click()
      const form = page.getByRole('form', { name: 'Connect GitHub' })
      await form.getByRole('textbox', { name: /Enterprise Server/ }).fill(emulator.url)
      // Nothing typed: the form says so at the token field, and sends nothing.
      await form.getByRole('button', { name: 'Connect GitHub' }).click()
      const token = form.getByLabel('Token')
      await expect.poll(() => token.getAttribute('aria-invalid')).toBe('true')
      expect(await form.getByRole('alert').textContent()).toMatch(/personal access token/)
      await token.fill(emulator.token())
      await form.getByRole('button', { name: 'Connect GitHub' }).click()
      const card = page.locator('article.account').first()
      await expect.poll(() => card.locator('tr[data-stream=notifications]').count()).toBe(1)
      const accountId = await card.getAttribute('data-account-id')

      emulator.revoke()
      await card.getByRole('button', { name: 'Sync now' }).click()
      const refused = card.getByRole('status').filter({ hasText: 'no longer accepts' })
      await expect.poll(() => refused.count(), { timeout: 15_000 }).toBe(1)
      // Said once for the account, not again on every stream.
      expect(await card.locator('.stream-problem').count()).toBe(0)
      await page.screenshot({ path: 'test-results/accounts-reconnect.png' })

      await refused.getByRole('button', { name: 'Reconnect' }).click()
      const heading = page.getByRole('heading', { name: /^Reconnect / })
      await expect
        .poll(() => heading.evaluate((title) => title.ownerDocument.activeElement === title))
        .toBe(true)
      // The kind is known: no source to choose, straight to the token.
      expect(await page.getByRole('button', { name: 'Slack', exact: true }).count()).toBe(0)
      const again = page.getByRole('form', { name: 'Connect GitHub' })
      await again.getByRole('textbox', { name: /Enterprise Server/ }).fill(emulator.url)
      await again.getByLabel('Token').fill(emulator.token())
      await again.getByRole('button', { name: 'Connect GitHub' }).click()
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'connected again' }).count()).toBe(1)
      // The same account, its problem gone.
      expect(await page.locator('article.account').first().getAttribute('data-account-id')).toBe(accountId)
      await expect
        .poll(() => card.getByRole('button', { name: 'Reconnect' }).count(), { timeout: 15_000 })
        .toBe(0)
    } finally {
      await host.close()
      await emulator.stop()
    }
  })
})
