// The person's GitHub status over GraphQL: read before focus so it can be
// put back, and set to "busy" (limited availability) with an expiry at the
// session's end. A status only one organisation may see is put back for
// that organisation only; Lull's own is public. Needs the token's `user`
// scope; without it GitHub says so and Lull passes that on.
import { z } from 'zod'
import { type FocusStatus, HostError } from '../../../shared/contract'
import type { GithubClient } from './client'

const ViewerStatus = z.object({
  viewer: z.object({
    status: z
      .object({
        message: z.string().nullish(),
        emoji: z.string().nullish(),
        expiresAt: z.string().nullish(),
        indicatesLimitedAvailability: z.boolean().nullish(),
        organization: z
          .object({ id: z.string().min(1).max(256), login: z.string().max(256), name: z.string().nullish() })
          .nullish(),
      })
      .nullable(),
  }),
})

function scopeError(error: unknown): HostError | null {
  const text = error instanceof Error ? error.message : String(error)
  if (/scope/i.test(text)) {
    return new HostError(
      'refused',
      'GitHub says this token cannot change your status: add the user scope to the token (or turn off status sync for this account).',
    )
  }
  return null
}

export async function readStatus(client: GithubClient, signal: AbortSignal): Promise<FocusStatus> {
  let data: unknown
  try {
    data = await client.graphql(
      'query { viewer { status { message emoji expiresAt indicatesLimitedAvailability organization { id login name } } } }',
      { request: { signal } },
    )
  } catch (error) {
    throw scopeError(error) ?? error
  }
  const parsed = ViewerStatus.safeParse(data)
  if (!parsed.success)
    throw new HostError('source-junk', 'GitHub answered the status question with something Lull cannot read.')
  const status = parsed.data.viewer.status
  const organization = status?.organization
  return {
    message: status?.message ?? '',
    emoji: status?.emoji ?? '',
    expiresAt: status?.expiresAt ? Date.parse(status.expiresAt) : null,
    isDoNotDisturb: status?.indicatesLimitedAvailability === true,
    ...(organization
      ? { visibleTo: { id: organization.id, name: organization.name || organization.login } }
      : {}),
  }
}

export async function writeStatus(
  client: GithubClient,
  status: FocusStatus,
  signal: AbortSignal,
): Promise<void> {
  try {
    await client.graphql(
      'mutation($input: ChangeUserStatusInput!) { changeUserStatus(input: $input) { status { message } } }',
      {
        input: {
          message: status.message,
          emoji: status.emoji,
          limitedAvailability: status.isDoNotDisturb,
          expiresAt: status.expiresAt === null ? null : new Date(status.expiresAt).toISOString(),
          // Without it GitHub shows the status to everyone.
          ...(status.visibleTo ? { organizationId: status.visibleTo.id } : {}),
        },
        request: { signal },
      },
    )
  } catch (error) {
    throw scopeError(error) ?? error
  }
}
