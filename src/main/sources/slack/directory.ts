// Who and where, by name: people from users.list (read a page of 200 at a
// time, once, then refreshed every few hours, so names cost a handful of
// requests a day rather than one per message) and conversations from
// users.conversations (the listing that also offers the streams). A person
// the list does not hold yet (someone who just joined) is asked once with
// users.info. Names are cleaned of bidi controls and zero-width characters
// as they enter, so "Dana" and "Da\u200Bna" cannot pass for each other.
// The user groups (usergroups.list) say which group mentions reach the person.
import type { WebClient } from '@slack/web-api'
import { z } from 'zod'
import { HostError } from '../../../shared/contract'
import { cleanName } from '../../../shared/display-text'

const refreshMs = 6 * 60 * 60_000
/** After a failed listing, the next try waits this long, so a failing list does not cost a request every pull. */
const retryMs = 15 * 60_000
const pageSize = 200
/** The most pages read in one listing: 40,000 people or conversations. */
const maxPages = 200

const Member = z.object({
  id: z.string(),
  name: z.string().optional(),
  real_name: z.string().optional(),
  is_bot: z.boolean().optional(),
  profile: z.object({ display_name: z.string().optional(), real_name: z.string().optional() }).optional(),
})

const Group = z.object({ id: z.string(), users: z.array(z.string()).max(100_000).optional() })

const Listed = z.object({
  id: z.string(),
  name: z.string().optional(),
  user: z.string().optional(),
  is_im: z.boolean().optional(),
  is_mpim: z.boolean().optional(),
  is_private: z.boolean().optional(),
  is_archived: z.boolean().optional(),
})

export type ConversationKind = 'channel' | 'private' | 'im' | 'mpim'
export type Conversation = { id: string; kind: ConversationKind; name: string; user?: string }

export type Ask = <T>(method: string, call: () => Promise<T>) => Promise<T>

export function createDirectory(input: { client: WebClient; ask: Ask; now: () => number }) {
  const { client, ask, now } = input
  const people = new Map<string, { name: string; isBot: boolean }>()
  const asked = new Set<string>()
  /** When the people list may be read next. */
  let peopleDueAt = Number.NEGATIVE_INFINITY
  const conversations = new Map<string, Conversation>()
  /** When an unknown conversation may make the listing be read again. */
  let conversationsDueAt = Number.NEGATIVE_INFINITY
  /** Members of each user group, read with the people. */
  const groups = new Map<string, Set<string>>()
  let groupsDueAt = Number.NEGATIVE_INFINITY

  function nameOf(member: z.infer<typeof Member>): string {
    const names = [member.profile?.display_name, member.real_name, member.profile?.real_name, member.name]
    // A name made only of hidden characters is no name: the next one is shown.
    return names.map((name) => cleanName(name ?? '').trim()).find((name) => name !== '') || member.id
  }

  /**
   * Without usergroups:read (an app made from an older manifest) Slack refuses,
   * and no group mention counts as the person's until the app is reinstalled;
   * that is asked again with the people, a failure to answer sooner.
   */
  async function loadGroups(): Promise<void> {
    groupsDueAt = now() + refreshMs
    const answer = await ask('usergroups.list', () => client.usergroups.list({ include_users: true })).catch(
      (error: unknown) => {
        if (!(error instanceof HostError && error.code === 'refused')) groupsDueAt = now() + retryMs
        return null
      },
    )
    if (!answer) return
    groups.clear()
    for (const raw of answer.usergroups ?? []) {
      const group = Group.safeParse(raw)
      if (group.success) groups.set(group.data.id, new Set(group.data.users ?? []))
    }
  }

  async function loadPeople(): Promise<void> {
    peopleDueAt = now() + retryMs
    let cursor: string | undefined
    for (let page = 0; page < maxPages; page++) {
      const answer = await ask('users.list', () =>
        client.users.list({ limit: pageSize, ...(cursor ? { cursor } : {}) }),
      )
      for (const raw of answer.members ?? []) {
        const member = Member.safeParse(raw)
        if (member.success)
          people.set(member.data.id, { name: nameOf(member.data), isBot: member.data.is_bot === true })
      }
      cursor = answer.response_metadata?.next_cursor || undefined
      if (!cursor) break
    }
    peopleDueAt = now() + refreshMs
  }

  async function loadConversations(): Promise<Conversation[]> {
    conversationsDueAt = now() + retryMs
    const found: Conversation[] = []
    let cursor: string | undefined
    for (let page = 0; page < maxPages; page++) {
      const answer = await ask('users.conversations', () =>
        client.users.conversations({
          types: 'public_channel,private_channel,mpim,im',
          exclude_archived: true,
          limit: pageSize,
          ...(cursor ? { cursor } : {}),
        }),
      )
      for (const raw of answer.channels ?? []) {
        const listed = Listed.safeParse(raw)
        if (!listed.success || listed.data.is_archived) continue
        const c = listed.data
        const kind: ConversationKind = c.is_im
          ? 'im'
          : c.is_mpim
            ? 'mpim'
            : c.is_private
              ? 'private'
              : 'channel'
        const name = cleanName(c.name ?? '') || c.id
        found.push({ id: c.id, kind, name, ...(c.user ? { user: c.user } : {}) })
      }
      cursor = answer.response_metadata?.next_cursor || undefined
      if (!cursor) break
    }
    conversations.clear()
    for (const conversation of found) conversations.set(conversation.id, conversation)
    conversationsDueAt = now() + refreshMs
    return found
  }

  return {
    /** Reads the people list when it is missing or old; a failure leaves ids shown as ids. */
    async freshen(): Promise<void> {
      if (now() >= groupsDueAt) await loadGroups()
      if (now() < peopleDueAt) return
      await loadPeople()
    },
    async conversations(): Promise<Conversation[]> {
      return loadConversations()
    },
    async conversation(id: string): Promise<Conversation | undefined> {
      if (!conversations.has(id) && now() >= conversationsDueAt) await loadConversations()
      return conversations.get(id)
    },
    /** Asks for the people the list did not hold, once each. */
    async learn(ids: Iterable<string>): Promise<void> {
      for (const id of ids) {
        if (people.has(id) || asked.has(id) || !/^[UW][A-Z0-9]+$/.test(id)) continue
        asked.add(id)
        try {
          const answer = await ask('users.info', () => client.users.info({ user: id }))
          const member = Member.safeParse(answer.user)
          if (member.success)
            people.set(id, { name: nameOf(member.data), isBot: member.data.is_bot === true })
        } catch {
          // The id is shown as it is; a later refresh of the list may name it.
        }
      }
    },
    user: (id: string) => people.get(id)?.name,
    isBot: (id: string) => people.get(id)?.isBot === true,
    channel: (id: string) => conversations.get(id)?.name,
    /** Whether the person is in this user group, as far as Lull knows. */
    isInGroup: (groupId: string, userId: string) => groups.get(groupId)?.has(userId) === true,
    /** How a conversation is shown: "#general", "@Dana", "@Dana, @Lee". */
    label(conversation: Conversation): string {
      if (conversation.kind === 'im')
        return `@${people.get(conversation.user ?? '')?.name ?? conversation.user ?? conversation.id}`
      if (conversation.kind === 'mpim') {
        // Slack names a group DM "mpdm-dana--lee--sam-1".
        const handles = conversation.name
          .replace(/^mpdm-/, '')
          .replace(/-\d+$/, '')
          .split('--')
        return handles.map((handle) => `@${handle}`).join(', ')
      }
      return `#${conversation.name}`
    },
  }
}

export type Directory = ReturnType<typeof createDirectory>
