// The viewer's status over GraphQL, as GitHub keeps it: a message, an
// emoji, an expiry, "busy" (limited availability), and the organisation
// whose members alone may see it (null: everyone). `changeUserStatus`
// takes that organisation by its node id and refuses one it does not know.
import type { FocusStatus } from '../../../src/shared/contract'

export type Organization = { id: string; login: string; name: string | null }

export type GraphqlAnswer = { data: unknown } | { errors: Array<{ type: string; message: string }> }

type StatusInput = {
  message?: string
  emoji?: string
  limitedAvailability?: boolean
  expiresAt?: string | null
  organizationId?: string | null
}

export function createStatusKeeper() {
  let status: FocusStatus = { message: '', emoji: '', expiresAt: null, isDoNotDisturb: false }
  const organizations = new Map<string, Organization>([
    ['O_kgDOAcme', { id: 'O_kgDOAcme', login: 'acme', name: 'Acme' }],
  ])

  function change(input: StatusInput): GraphqlAnswer {
    const organization = input.organizationId ? organizations.get(input.organizationId) : undefined
    if (input.organizationId && !organization) {
      return {
        errors: [
          {
            type: 'NOT_FOUND',
            message: `Could not resolve to a node with the global id of '${input.organizationId}'`,
          },
        ],
      }
    }
    status = {
      message: input.message ?? '',
      emoji: input.emoji ?? '',
      expiresAt: input.expiresAt ? Date.parse(input.expiresAt) : null,
      isDoNotDisturb: input.limitedAvailability === true,
      ...(organization
        ? { visibleTo: { id: organization.id, name: organization.name ?? organization.login } }
        : {}),
    }
    return { data: { changeUserStatus: { status: { message: status.message } } } }
  }

  function viewer(): GraphqlAnswer {
    const isEmpty = status.message === '' && status.emoji === '' && !status.isDoNotDisturb
    const organization = status.visibleTo ? organizations.get(status.visibleTo.id) : undefined
    return {
      data: {
        viewer: {
          status: isEmpty
            ? null
            : {
                message: status.message,
                emoji: status.emoji,
                expiresAt: status.expiresAt === null ? null : new Date(status.expiresAt).toISOString(),
                indicatesLimitedAvailability: status.isDoNotDisturb,
                organization: organization ?? null,
              },
        },
      },
    }
  }

  return {
    /** Answers a GraphQL query or the `changeUserStatus` mutation. */
    answer(query: string, variables: Record<string, unknown> | undefined): GraphqlAnswer {
      if (query.includes('changeUserStatus')) return change((variables?.input ?? {}) as StatusInput)
      return viewer()
    },
    status: () => status,
    /** The person sets a status in GitHub's own app; an organisation it names becomes one GitHub knows. */
    setStatus(next: FocusStatus) {
      if (next.visibleTo)
        organizations.set(next.visibleTo.id, {
          id: next.visibleTo.id,
          login: next.visibleTo.name.toLowerCase(),
          name: next.visibleTo.name,
        })
      status = next
    },
  }
}
