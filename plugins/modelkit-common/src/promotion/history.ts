import { PromotionHistoryEntry } from './types';

/**
 * Which promotion was in effect at a time: the newest entry committed at or before it.
 *
 * @remarks
 *
 * The time of an entry is when its commit was made on the branch Flux or Argo CD follows;
 * the cluster applies it a sync interval later. Entries may come in any order.
 *
 * @param entries - the history of one environment.
 * @param at - a `Date`, or an ISO 8601 text.
 * @returns the entry, or undefined when the first promotion came later.
 * @public
 */
export function findPromotionLiveAt(
  entries: readonly PromotionHistoryEntry[],
  at: Date | string,
): PromotionHistoryEntry | undefined {
  const time = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(time)) {
    throw new TypeError(`"${String(at)}" is not a time`);
  }
  let best: PromotionHistoryEntry | undefined;
  let bestTime = -Infinity;
  for (const entry of entries) {
    const entryTime = Date.parse(entry.committedAt);
    if (entryTime <= time && entryTime >= bestTime) {
      best = entry;
      bestTime = entryTime;
    }
  }
  return best;
}

/**
 * Reads the pull or merge request a commit came through from its message: GitHub merge
 * commits (`Merge pull request #12 from …`), squash merges (`Title (#12)`), GitLab merge
 * commits (`See merge request group/project!12`) and any pull request URL in the message.
 *
 * @public
 */
export function parsePullRequestFromCommitMessage(
  message: string,
): { number: number; url?: string } | undefined {
  const url = message.match(
    /https?:\/\/[^\s/]+\/[^\s]+?\/(?:pull|-\/merge_requests)\/(\d{1,9})\b/,
  );
  if (url) {
    return { number: Number(url[1]), url: url[0] };
  }
  const github = message.match(/^Merge pull request #(\d{1,9})\b/m);
  if (github) return { number: Number(github[1]) };
  const gitlab = message.match(/See merge request [^\s!]+!(\d{1,9})\b/);
  if (gitlab) return { number: Number(gitlab[1]) };
  const squash = message.split('\n')[0].match(/\(#(\d{1,9})\)\s*$/);
  if (squash) return { number: Number(squash[1]) };
  return undefined;
}
