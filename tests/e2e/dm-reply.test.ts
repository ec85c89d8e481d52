// The reply to Slack DMs held during deep work, as a person uses it, in a
// real Chromium over browser mode against the Slack emulator: turned on in
// the Focus view (a token without chat:write is told what to do, and the
// switch stays off), a DM during a focus session gets one reply naming the
// check-in and the urgent channel, the held DM's row says "you replied at",
// Stats counts the person told, the preview replays the same decision, and
// the reply can be taken back from the DM's item view.
import { describe, expect, it } from 'vitest'
import { createSlackSourceFactory } from '../../src/main/sources/slack'
import { startSlackEmulator } from '../emulators/slack/server'
import { hasChromium, useChromium } from '../support/chromium'
import { startTestWebHost } from './web-host'

describe.skipIf(!hasChromium)('answering DMs during deep work', () => {
  const browser = useChromium()

  it('turns on in the Focus view, answers a DM once during focus, and shows it on the row and in Stats', async () => {
    const emulator = await startSlackEmulator({ now: Date.now })
    emulator.addUser('U0DANA', 'Dana Scully')
    emulator.addConversation({ id: 'D0DANA', name: 'D0DANA', kind: 'im', user: 'U0DANA' })
    emulator.withoutScope('chat:write')
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
      await form.getByLabel('User token').fill(emulator.token())
      await form.getByRole('button', { name: 'Connect Slack' }).click()
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'connected as sam.self on Acme' }).count())
        .toBe(1)

      await page.getByRole('button', { name: 'Focus', exact: true }).click()
      const reply = page.getByTestId('dm-reply')
      const toggle = reply.getByRole('switch', { name: /answer a direct message/ })
      expect(await toggle.isChecked()).toBe(false)
      // Without chat:write: said in place, the switch stays off, Slack is never asked to post.
      await toggle.click()
      await expect.poll(() => reply.getByTestId('dm-reply-note').textContent()).toMatch(/lacks chat:write/)
      expect(await toggle.isChecked()).toBe(false)
      expect(emulator.methodCount('chat.postMessage')).toBe(0)

      // The person reinstalls the app with the scope; turning it on now works.
      emulator.withScope('chat:write')
      await toggle.click()
      await expect.poll(() => toggle.isChecked()).toBe(true)
      await page.getByRole('button', { name: 'Until the next check-in' }).click()
      await expect.poll(() => page.getByRole('button', { name: 'End focus' }).count()).toBe(1)
      // The emulator's message ts counts whole seconds: a DM said in the second focus began would read as sent before it.
      await new Promise((resolve) => setTimeout(resolve, 1_100))

      emulator.say({ channel: 'D0DANA', user: 'U0DANA', text: 'can you look at my PR?' })
      emulator.say({ channel: 'D0DANA', user: 'U0DANA', text: 'no rush' })
      await page.getByRole('button', { name: 'Accounts', exact: true }).click()
      await page.locator('article.account').first().getByRole('button', { name: 'Sync now' }).click()
      await expect.poll(() => emulator.posts().length, { timeout: 15_000 }).toBe(1)
      const [post] = emulator.posts()
      expect(post?.channel).toBe('D0DANA')
      expect(post?.text).toMatch(
        /^I'm heads-down until .* and will read this at my \d\d:\d\d check-in\. If it can't wait, post in #incidents\.$/,
      )
      expect(post?.text).not.toMatch(/PR|rush/)

      await page.getByRole('button', { name: 'Waiting', exact: true }).click()
      await expect
        .poll(() => page.locator('.triage-replied').first().textContent(), { timeout: 10_000 })
        .toMatch(/^you replied at \d\d:\d\d: I'm heads-down/)
      await page.getByRole('button', { name: 'Stats', exact: true }).click()
      await expect.poll(() => page.getByTestId('stat-people-told').textContent()).toBe('1')

      // Opened, the DM shows the reply with "Take back"; taking it back deletes it from the DM.
      await page.getByRole('button', { name: 'Waiting', exact: true }).click()
      const replied = page.locator('.triage-row', { has: page.locator('.triage-replied') })
      await replied.hover()
      await replied.getByRole('button', { name: 'View' }).click()
      await expect
        .poll(() => page.getByTestId('item-reply').textContent())
        .toMatch(/^You replied at \d\d:\d\d/)
      await page.getByTestId('item-reply').getByRole('button', { name: 'Take back' }).click()
      await expect
        .poll(() => page.getByTestId('item-reply').textContent())
        .toBe('You took back the reply Lull sent.')
      expect(emulator.isDeleted('D0DANA', post?.ts ?? '')).toBe(true)

      // The preview replays the stored DMs through the same decision: the first told, the second not again.
      await page.getByRole('button', { name: 'Focus', exact: true }).click()
      await page.getByRole('button', { name: 'Preview the last 7 days' }).click()
      await expect
        .poll(() => page.getByTestId('dm-reply-preview').textContent())
        .toBe('1 DM would have been answered of 2.')
      expect(await page.locator('.dm-reply-preview-list li').last().textContent()).toMatch(
        /not told: already told during this deep work/,
      )
      expect(emulator.posts()).toHaveLength(1)
    } finally {
      await host.close()
      await emulator.stop()
    }
  })
})
