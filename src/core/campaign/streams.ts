/**
 * Counter-based streams of the campaign (rng.ts): every draw is keyed by a stable id — an attempt's
 * id and its alarm's number, a nuisance alarm's number in the campaign — never by the order in which
 * the pass meets it, so the pass is the same in a run, a merge of shards, and every sweep point that
 * shares those alarms (common random numbers). Ids continue rng.ts's Stream numbering from 20 up,
 * clear of the sensing streams.
 */
export const CampaignStream = {
  /** The campaign's attempt count: draw 0 of the stream (seed, 0). */
  arrivals: 20,
  /** The campaign's nuisance alarms: their exponential gaps from the stream (seed, 0); alarm n's camera from draw n of (seed, 1). */
  nuisance: 21,
  /** Attempt i's j-th alarm: assessment time (draw 2j) and recognition (draw 2j + 1) of the stream (seed, i). */
  alarmAssess: 22,
  /** The campaign's n-th nuisance alarm: assessment time (draw 2n) and recognition (2n + 1) of the stream (seed, 0). */
  nuisanceAssess: 23,
} as const;
