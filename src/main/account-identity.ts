// Which account a verified sign-in belongs to. Connecting the same identity
// again (after a revoked token, from another form) is the same account: a
// second id would store every item twice and sound an urgent one again.
import { HostError } from '../shared/contract'

export type KnownAccount = { id: string; identity: string }

/**
 * The id for a sign-in that verified as `identity`: the known account with
 * that identity, or a new one from `mint`. With `reconnect`, the sign-in must
 * be that account's identity, or nothing is saved.
 */
export function accountIdFor(input: {
  identity: string
  existing: readonly KnownAccount[]
  reconnect?: string | undefined
  mint: () => string
}): string {
  const { identity, existing, reconnect } = input
  if (reconnect !== undefined) {
    const target = existing.find((account) => account.id === reconnect)
    if (!target) {
      throw new HostError(
        'invalid-request',
        'The account to reconnect is no longer in Lull. Connect it as a new account.',
      )
    }
    if (target.identity !== identity) {
      throw new HostError(
        'refused',
        `This sign-in is for ${identity}, but the account was ${target.identity}. Sign in as ${target.identity} to reconnect it, or connect ${identity} as a new account.`,
      )
    }
    return target.id
  }
  return existing.find((account) => account.identity === identity)?.id ?? input.mint()
}
