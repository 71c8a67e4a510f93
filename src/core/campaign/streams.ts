/**
 * Counter-based streams of the campaign (rng.ts): every draw is keyed by a stable id — an attempt's
 * id and its alarm's number, a camera and its nuisance alarm's number — never by the order in which
 * the pass meets it, so the pass is the same in a run, a merge of shards, and every sweep point that
 * shares those alarms (common random numbers). Ids continue rng.ts's Stream numbering from 20 up,
 * clear of the sensing streams.
 */
export const CampaignStream = {
  /** The campaign's attempt count: draw 0 of the stream (seed, 0). */
  arrivals: 20,
  /** Camera k's nuisance alarms: exponential gaps, in time order, from the stream (seed, k). */
  nuisance: 21,
  /** Attempt i's j-th alarm: assessment time (draw 2j) and recognition (draw 2j + 1) of the stream (seed, i). */
  alarmAssess: 22,
  /** Camera k's n-th nuisance alarm: assessment time (draw 2n) and recognition (2n + 1) of the stream (seed, k). */
  nuisanceAssess: 23,
} as const;
