// The person's Slack status and Do Not Disturb: read before focus so they
// can be put back, then set to Lull's ("Deep work until 11:30, #incidents
// for emergencies", with an expiry at the session's end) with Do Not
// Disturb snoozed until then, so a crash cannot leave either on. The two
// are separate in Slack and restored separately: a "Lunch" status with no
// end and a snooze until 12:30 come back as exactly that.
import type { WebClient } from '@slack/web-api'
import { z } from 'zod'
import type { FocusStatus } from '../../../shared/contract'
import type { Ask } from './directory'

/** dnd.info's snooze fields, which Slack documents but the SDK's generated type leaves out. */
const Snooze = z.object({ snooze_enabled: z.boolean().optional(), snooze_endtime: z.number().optional() })

type Deps = { client: WebClient; ask: Ask; now: () => number }

/** Lull's own open-ended focus (until stopped) snoozes for a working day. */
const openEndedSnoozeMinutes = 8 * 60

export async function readStatus({ client, ask, now }: Deps): Promise<FocusStatus> {
  const profile = await ask('users.profile.get', () => client.users.profile.get({}))
  const dnd = Snooze.parse(await ask('dnd.info', () => client.dnd.info()))
  const expiration = profile.profile?.status_expiration ?? 0
  const snoozeEnd = (dnd.snooze_endtime ?? 0) * 1000
  const isSnoozed = dnd.snooze_enabled === true && snoozeEnd > now()
  return {
    message: profile.profile?.status_text ?? '',
    emoji: profile.profile?.status_emoji ?? '',
    expiresAt: expiration > 0 ? expiration * 1000 : null,
    isDoNotDisturb: isSnoozed,
    ...(isSnoozed ? { snoozeUntil: snoozeEnd } : {}),
  }
}

/**
 * When the snooze should end: the person's own end when restoring theirs,
 * else the end of Lull's status (the session's), else a working day.
 */
function snoozeEndOf(status: FocusStatus, now: number): number {
  return status.snoozeUntil ?? status.expiresAt ?? now + openEndedSnoozeMinutes * 60_000
}

export async function writeStatus({ client, ask, now }: Deps, status: FocusStatus): Promise<void> {
  await ask('users.profile.set', () =>
    client.users.profile.set({
      profile: {
        status_text: status.message.slice(0, 100),
        status_emoji: status.emoji,
        status_expiration: status.expiresAt === null ? 0 : Math.round(status.expiresAt / 1000),
      },
    }),
  )
  const snoozeEnd = snoozeEndOf(status, now())
  if (status.isDoNotDisturb && snoozeEnd > now()) {
    // Slack snoozes by whole minutes from now: rounded up, so it never ends before the time asked.
    const minutes = Math.max(1, Math.ceil((snoozeEnd - now()) / 60_000))
    await ask('dnd.setSnooze', () => client.dnd.setSnooze({ num_minutes: minutes }))
  } else {
    await ask('dnd.endSnooze', () => client.dnd.endSnooze()).catch((error: unknown) => {
      // Ending a snooze that is not on is not a failure.
      if (!(error instanceof Error && /snooze_not_active/.test(error.message))) throw error
    })
  }
}
