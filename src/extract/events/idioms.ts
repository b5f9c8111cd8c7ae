/**
 * Words around an event cue that show it is no event: fixed collocations ("restore order") and
 * idioms in which a conflict word is a figure of speech ("strike a balance", "a price war").
 */

/** Collocations where a trigger word is not an event ("restore order", "in order to", "so-called"). */
export const NOT_EVENT = /\b(?:restore|restoring|in|law and|public) order\b|\bso-called\b|\bfirst-hand\b/i;
/**
 * Idioms in which a conflict word is a figure of speech, not an act: "strike a different tone",
 * "strike a balance", "a charm offensive", "a price war", "attack ads", "prices hit a record high",
 * "came under fire" (criticism), "fire up", "a shot at the title". Tested on the words around the cue,
 * each only when the lower-cased words hold one of the strings its pattern `needs` (most hold none).
 */
const IDIOMS: Array<{ re: RegExp; needs: string[] }> = [
  {
    re: /\b(?:strike|strikes|striking|struck)\s+(?:an?\s+|the\s+)?(?:[\p{L}-]+\s+){0,2}?(?:tone|note|balance|chord|pose|figure)\b/iu,
    needs: ['strik', 'struck'],
  },
  { re: /\bcharm offensive\b/i, needs: ['charm offensive'] },
  { re: /\b(?:price|bidding|talent|turf|culture|trade|format|streaming|console) wars?\b/i, needs: ['war'] },
  { re: /\battack (?:ads?|dogs?|line)\b/i, needs: ['attack '] },
  {
    re: /\b(?:hit|hits|hitting)\s+(?:an?\s+|the\s+)?(?:(?:new|all-time|record|fresh|[\d-]+(?:year|month|week)|multi-year)\s+)*(?:high|low|record|peak|milestone|mark|shelves|stores|screens|headlines|the market|the road|the ground running|home|jackpot|target)\b/iu,
    needs: ['hit'],
  },
  {
    re: /\bunder fire\b|\bfir(?:e|ed|es|ing) up\b|\bopen(?:ed|s)? fire on (?:critics|the government's record)\b/i,
    needs: ['fir'],
  },
  { re: /\b(?:a|his|her|their|its) shot at\b|\bbig shots?\b|\bcall(?:ed|s)? the shots\b/i, needs: ['shot'] },
  { re: /\bkill(?:ed|s|ing)? (?:time|the mood|the bill|the deal|off)\b/i, needs: ['kill'] },
  {
    re: /\b(?:battle|fight) (?:for|against) (?:votes|customers|viewers|survival|the title|market share)\b/i,
    needs: ['battle', 'fight'],
  },
];
/** Characters that a case-insensitive Unicode pattern reads as ASCII letters (ſ as s, the Kelvin sign as k): a text holding one is tested against every idiom. */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;

/** Whether `text` holds one of the IDIOMS: each pattern is run only when the text holds a string it needs. */
export function isIdiom(text: string): boolean {
  const lower = FOLDS_TO_ASCII.test(text) ? undefined : text.toLowerCase();
  for (const { re, needs } of IDIOMS) {
    if (lower !== undefined && !holdsAny(lower, needs)) continue;
    if (re.test(text)) return true;
  }
  return false;
}

function holdsAny(text: string, parts: string[]): boolean {
  for (const p of parts) if (text.includes(p)) return true;
  return false;
}

/** `isIdiom` running every pattern: the reference form it is tested against. */
export function isIdiomReference(text: string): boolean {
  return IDIOMS.some(({ re }) => re.test(text));
}
