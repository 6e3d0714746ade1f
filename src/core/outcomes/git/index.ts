export { findRepoRoot, clearRepoRootCache } from './repoRoot';
export { readGitOutcomes, type GitRepoOutcomes, type GitReadStats } from './readGitOutcomes';
