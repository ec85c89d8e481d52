// The Slack app manifest a person creates their own app from: exactly the
// user scopes the source explains (no more, none missing), Socket Mode on,
// and the user events for every kind of conversation the source reads.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { requiredScopes, scopePurposes } from '../../../src/main/sources/slack/scopes'
import { manifestScopes } from '../../emulators/slack/server'

const manifest = JSON.parse(
  readFileSync(join(__dirname, '../../../resources/slack-app-manifest.json'), 'utf8'),
)

describe('the Slack app manifest', () => {
  it('asks for exactly the user scopes Lull explains, and no bot scopes', () => {
    expect([...manifest.oauth_config.scopes.user].sort()).toEqual(Object.keys(scopePurposes).sort())
    expect(manifest.oauth_config.scopes.bot).toBeUndefined()
    for (const scope of requiredScopes) expect(manifest.oauth_config.scopes.user).toContain(scope)
    // The emulator grants what the manifest asks for.
    expect([...manifestScopes].sort()).toEqual([...manifest.oauth_config.scopes.user].sort())
  })

  it('turns Socket Mode on and subscribes to messages in channels, private channels, DMs and group DMs', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true)
    expect([...manifest.settings.event_subscriptions.user_events].sort()).toEqual([
      'message.channels',
      'message.groups',
      'message.im',
      'message.mpim',
    ])
  })
})
