// When a result's lead times cannot be taken at face value: changes still unfinished at the end of
// the run are left out of the lead times, so when more than a small share of the counted changes
// did not finish, the lead times describe only the quicker ones and are understated. compare and
// sweep mark such a result as biased, with this reason, in every table and chart.

/** More than this share of counted changes unfinished marks a result's lead times as biased. */
export const BIAS_UNFINISHED_SHARE = 0.02;

export interface ChangeCounts {
  /** Changes that became ready after the warm-up and before the horizon (over all replications). */
  counted: number;
  completed: number;
  /** Counted changes not live when the run ended. */
  unfinished: number;
}

/** unfinished ÷ counted (NaN when nothing was counted). */
export function unfinishedShare(c: ChangeCounts): number {
  return c.counted > 0 ? c.unfinished / c.counted : NaN;
}

/** "5.3%" (one decimal; "–" when undefined). */
export function percent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)}%` : '–';
}

/** Why a result is biased, or undefined when it is not (at most 2% of counted changes unfinished). */
export function biasReason(c: ChangeCounts): string | undefined {
  const share = unfinishedShare(c);
  if (!(share > BIAS_UNFINISHED_SHARE)) return undefined;
  return (
    `biased: ${percent(share)} of counted changes (${c.unfinished} of ${c.counted}) were not live when the run ended ` +
    `(more than ${BIAS_UNFINISHED_SHARE * 100}%); lead times describe only the changes that finished, so they are understated`
  );
}
