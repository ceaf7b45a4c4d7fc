// The only code that calls GitHub: narrow functions over an installation Octokit.
export type { Octokit, RepoRef } from "./types.js";
export { upsertComment, createComment, findOurComment, isOurComment, IssueComments, type UpsertCommentInput, type UpsertCommentResult } from "./comments.js";
export { createCheckRun, updateCheckRun, findInProgressCheckRun, checkRunsNamed, type ListedCheckRun, type CheckRunName, type CheckRunStatus, type CheckRunConclusion, type CreateCheckRunInput, type UpdateCheckRunInput } from "./check-runs.js";
export { listChangedDeclarations, declarationChanges, isDeclarationPath, DECLARATION_FILE, type ChangedDeclaration, type DeclarationChangeStatus } from "./declarations-changed.js";
export { changedDeclarationsInPush, changedDeclarationsForPush, declarationsBetweenTrees, type PushLike, type PushDeclarations } from "./push-changes.js";
export { getRepositoryId } from "./repositories.js";
export { fetchFile, NotAFileError, MAX_FILE_BYTES, type FetchFileResult } from "./files.js";
export { listPullRequestReviews, reviewFrom, REVIEW_PAGES_LIMIT, type PullRequestReview, type PullRequestReviews } from "./reviews.js";
export { getCommenterPermission, hasWritePermission, permissionFrom, type RepositoryPermission } from "./permissions.js";
export {
  getPullRequest,
  pullRequestInfo,
  planCommit,
  isFromFork,
  labelsOf,
  addReaction,
  listOpenPullRequestsTouching,
  type PullRequestInfo,
  type ReactionContent,
} from "./pull-requests.js";
export { listActiveInstallations, listInstallationRepositories, branchHead, declarationPathsAt, MAX_INSTALLATIONS, MAX_INSTALLATION_REPOSITORIES, type InstallationRepository } from "./repositories.js";
export { findOpenIssue, createIssue, updateIssue, getIssue, type IssueRef, type IssueInfo } from "./issues.js";
