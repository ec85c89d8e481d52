// An account's mark: its picture when the source gave one, otherwise the
// icon of its kind; and the names of the kinds.
import { FlaskConical, GitPullRequest, Hash, Mail } from 'lucide-react'
import type { Account } from '../../../shared/model'
import { Icon } from '../../ui/Icon'

export const kindLabel: Record<Account['kind'], string> = {
  slack: 'Slack',
  github: 'GitHub',
  email: 'Email',
  sample: 'Sample workspace',
}

export const kindIcon = { slack: Hash, github: GitPullRequest, email: Mail, sample: FlaskConical }

export function AccountMark({ account }: { account: Account }) {
  if (account.avatar)
    return <img className="avatar account-mark" src={account.avatar} alt="" width={32} height={32} />
  return (
    <span className={`account-mark account-mark-${account.kind}`}>
      <Icon icon={kindIcon[account.kind]} />
    </span>
  )
}
