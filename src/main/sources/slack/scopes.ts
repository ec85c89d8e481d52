// The user scopes Lull's Slack app asks for (resources/slack-app-manifest.json)
// and what each is for, so a missing one is named with its reason.
export const scopePurposes: Record<string, string> = {
  'channels:history': 'read the public channels you watch',
  'channels:read': 'list the public channels you are in',
  'groups:history': 'read the private channels you watch',
  'groups:read': 'list the private channels you are in',
  'im:history': 'read your direct messages',
  'im:read': 'list your direct messages',
  'mpim:history': 'read your group direct messages',
  'mpim:read': 'list your group direct messages',
  'users:read': 'show who wrote each message',
  'usergroups:read': 'know which group mentions (@oncall) are addressed to you',
  'search:read': 'find mentions of you and the threads you are in',
  'dnd:read': 'read your Do Not Disturb before focus',
  'dnd:write': 'turn on Do Not Disturb while you focus',
  'users.profile:read': 'read your status before focus',
  'users.profile:write': 'set your status while you focus',
  'chat:write':
    'answer a direct message during deep work with when you will read it (only if you turn that on)',
}

/** Scopes without which Lull cannot read Slack at all. */
export const requiredScopes = [
  'channels:history',
  'channels:read',
  'groups:history',
  'groups:read',
  'im:history',
  'im:read',
  'mpim:history',
  'mpim:read',
  'users:read',
]

export function describeScope(scope: string): string {
  const purpose = scopePurposes[scope]
  return purpose ? `${scope} (to ${purpose})` : scope
}
