// GitHub's response shapes for the emulator, typed against GitHub's own
// OpenAPI description (@octokit/openapi-types): if GitHub's schema for a
// thread, a user, a repository or a comment changes, these stop compiling.
import type { components } from '@octokit/openapi-types'

export type Thread = components['schemas']['thread']
export type SimpleUser = components['schemas']['simple-user']
export type PrivateUser = components['schemas']['private-user']
export type MinimalRepository = components['schemas']['minimal-repository']
export type IssueComment = components['schemas']['issue-comment']

let ids = 1000

export function simpleUser(api: string, login: string): SimpleUser {
  const url = `${api}/users/${login}`
  return {
    login,
    id: ids++,
    node_id: `U_${login}`,
    avatar_url: `https://avatars.example/${login}`,
    gravatar_id: '',
    url,
    html_url: `https://github.example/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    site_admin: false,
  }
}

export function privateUser(api: string, login: string, name: string): PrivateUser {
  return {
    ...simpleUser(api, login),
    name,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 3,
    public_gists: 0,
    followers: 1,
    following: 1,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  }
}

export function minimalRepository(api: string, web: string, fullName: string): MinimalRepository {
  const [owner = 'acme', name = 'api'] = fullName.split('/')
  const url = `${api}/repos/${fullName}`
  return {
    id: ids++,
    node_id: `R_${fullName}`,
    name,
    full_name: fullName,
    owner: simpleUser(api, owner),
    private: false,
    html_url: `${web}/${fullName}`,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    hooks_url: `${url}/hooks`,
  }
}

export function issueComment(
  api: string,
  web: string,
  input: { id: number; fullName: string; issue: number; login: string; body: string; at: string },
): IssueComment {
  return {
    id: input.id,
    node_id: `IC_${input.id}`,
    url: `${api}/repos/${input.fullName}/issues/comments/${input.id}`,
    body: input.body,
    html_url: `${web}/${input.fullName}/issues/${input.issue}#issuecomment-${input.id}`,
    user: simpleUser(api, input.login),
    created_at: input.at,
    updated_at: input.at,
    issue_url: `${api}/repos/${input.fullName}/issues/${input.issue}`,
    author_association: 'MEMBER',
  }
}
