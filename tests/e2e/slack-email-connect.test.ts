// Connecting Slack and email as a person does it, in a real Chromium over
// browser mode: Slack against its emulator (a bot token is turned away with
// what to paste instead; a user token and an app-level token connect, a
// DM arrives), email against a real Dovecot (a wrong password is named; the
// right one connects and a delivered message arrives).
import { describe, expect, it } from 'vitest'
import { createEmailSourceFactory } from '../../src/main/sources/email'
import { createSlackSourceFactory } from '../../src/main/sources/slack'
import { startSlackEmulator } from '../emulators/slack/server'
import { hasChromium, useChromium } from '../support/chromium'
import { isDovecotAvailable, startDovecot } from '../support/dovecot'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('connecting Slack and email', () => {
  const browser = useChromium()

  it('connects Slack with a user token and an app-level token, and a DM arrives', async () => {
    const emulator = await startSlackEmulator({ now: Date.now })
    emulator.addUser('U0DANA', 'Dana Scully')
    emulator.addConversation({ id: 'D0DANA', name: 'D0DANA', kind: 'im', user: 'U0DANA' })
    emulator.addConversation({ id: 'C0GENERAL', name: 'general', kind: 'channel' })
    const host = await startTestWebHost(
      { isScripted: false, pollAfterMs: 200 },
      { sources: { slack: createSlackSourceFactory({ apiUrl: emulator.url }) } },
    )
    try {
      const page = await browser().newPage()
      await page.goto(host.url)
      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      await page.getByRole('button', { name: 'Slack', exact: true }).click()
      const form = page.getByRole('form', { name: 'Connect Slack' })
      await form.getByLabel('User token').fill('xoxb-a-bot-token')
      await form.getByRole('button', { name: 'Connect Slack' }).click()
      await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/starts with xoxp-.*bot token/s)

      await form.getByLabel('User token').fill(emulator.token())
      await form.getByLabel(/App-level token/).fill(emulator.appToken())
      await form.getByRole('button', { name: 'Connect Slack' }).click()
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'connected as sam.self on Acme' }).count())
        .toBe(1)
      const card = page.locator('article.account').first()
      await expect.poll(() => card.locator('tr[data-stream=D0DANA]').count()).toBe(1)
      emulator.say({ channel: 'D0DANA', user: 'U0DANA', text: 'can you look at &lt;this&gt;?' })
      // A DM is not urgent: it waits for the background pull, or for "Sync now".
      await card.getByRole('button', { name: 'Sync now' }).click()
      await page.getByRole('button', { name: 'Now', exact: true }).click()
      await expect
        .poll(async () => Number(await page.getByTestId('waiting-count').textContent()), {
          timeout: 15_000,
        })
        .toBe(1)
    } finally {
      await host.close()
      await emulator.stop()
    }
  })

  it.skipIf(!isDovecotAvailable())(
    'connects an IMAP account, names a wrong password, and mail arrives',
    async () => {
      const dovecot = await startDovecot({
        users: [{ name: 'sam@example.test', password: 'right-password' }],
      })
      const host = await startTestWebHost(
        { isScripted: false, pollAfterMs: 200 },
        { sources: { email: createEmailSourceFactory({ connectTimeoutMs: 5_000 }) } },
      )
      try {
        const page = await browser().newPage()
        await page.goto(host.url)
        await page.getByRole('button', { name: 'Accounts', exact: true }).click()
        await page.getByRole('button', { name: 'Email', exact: true }).click()
        const form = page.getByRole('form', { name: 'Connect Email' })
        await form.getByLabel('Address or user name').fill('sam@example.test')
        await form.getByLabel('IMAP server').fill('127.0.0.1')
        await form.getByLabel('Port', { exact: true }).fill(String(dovecot.port))
        await form.getByLabel('Security').selectOption('plain')
        await form.getByLabel('Password', { exact: true }).fill('wrong-password')
        await form.getByRole('button', { name: 'Connect Email' }).click()
        await expect
          .poll(() => form.getByRole('alert').textContent(), { timeout: 15_000 })
          .toMatch(/password|sign/i)

        await form.getByLabel('Password', { exact: true }).fill('right-password')
        await form.getByRole('button', { name: 'Connect Email' }).click()
        await expect
          .poll(() => page.getByRole('status').filter({ hasText: 'connected as' }).count(), {
            timeout: 15_000,
          })
          .toBe(1)
        // The first sync has read the (empty) inbox before the mail comes.
        const card = page.locator('article.account').first()
        await expect
          .poll(() => card.locator('tr[data-stream=INBOX]').textContent(), { timeout: 15_000 })
          .toMatch(/Polled/)
        await dovecot.deliver(
          'sam@example.test',
          'INBOX',
          [
            'From: Dana <dana@example.test>',
            'To: sam@example.test',
            'Subject: Quarterly numbers',
            `Date: ${new Date().toUTCString()}`,
            'Message-ID: <numbers-1@example.test>',
            '',
            'Here they are.',
            '',
          ].join('\r\n'),
        )
        // Mail is not urgent here: it waits for the background pull, or for "Sync now".
        await card.getByRole('button', { name: 'Sync now' }).click()
        await page.getByRole('button', { name: 'Now', exact: true }).click()
        await expect
          .poll(async () => Number(await page.getByTestId('waiting-count').textContent()), {
            timeout: 20_000,
          })
          .toBe(1)
      } finally {
        await host.close()
        await dovecot.stop()
      }
    },
  )
})
