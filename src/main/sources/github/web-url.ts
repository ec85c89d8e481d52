// The page a person can open for a notification: the API URL of its
// subject turned into the web page it stands for, with the latest
// comment's anchor when there is one. When a URL has no known page form,
// the repository's page is given rather than a wrong link.

const pagePaths: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^repos\/([^/]+\/[^/]+)\/issues\/(\d+)$/, (m) => `${m[1]}/issues/${m[2]}`],
  [/^repos\/([^/]+\/[^/]+)\/pulls\/(\d+)$/, (m) => `${m[1]}/pull/${m[2]}`],
  [/^repos\/([^/]+\/[^/]+)\/discussions\/(\d+)$/, (m) => `${m[1]}/discussions/${m[2]}`],
  [/^repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]{4,64})$/i, (m) => `${m[1]}/commit/${m[2]}`],
  [/^repos\/([^/]+\/[^/]+)\/releases\/\d+$/, (m) => `${m[1]}/releases`],
  [/^repos\/([^/]+\/[^/]+)\/check-suites\/\d+$/, (m) => `${m[1]}/actions`],
]

/** The part of an API URL after the API base, or null when it is not on that base. */
function apiPath(url: string, apiUrl: string): string | null {
  const base = apiUrl.replace(/\/+$/, '')
  if (!url.startsWith(`${base}/`)) return null
  return url.slice(base.length + 1).split(/[?#]/)[0] ?? null
}

export function subjectPage(input: {
  subjectUrl: string | null
  latestCommentUrl: string | null
  repositoryPage: string
  apiUrl: string
  webUrl: string
}): string {
  const path = input.subjectUrl ? apiPath(input.subjectUrl, input.apiUrl) : null
  let page: string | null = null
  for (const [pattern, toPage] of pagePaths) {
    const match = path ? pattern.exec(path) : null
    if (match) {
      page = `${input.webUrl}/${toPage(match)}`
      break
    }
  }
  if (page === null) return input.repositoryPage
  const comment = input.latestCommentUrl ? apiPath(input.latestCommentUrl, input.apiUrl) : null
  const issueComment = comment ? /\/issues\/comments\/(\d+)$/.exec(comment) : null
  const reviewComment = comment ? /\/pulls\/comments\/(\d+)$/.exec(comment) : null
  if (issueComment && (page.includes('/issues/') || page.includes('/pull/')))
    return `${page}#issuecomment-${issueComment[1]}`
  if (reviewComment && page.includes('/pull/')) return `${page}#discussion_r${reviewComment[1]}`
  return page
}
