/**
 * Record ids kept as their original text. `JSON.parse` turns a numeric `"id": 12345678901234567890`
 * into a double, and two ids above 2^53 that differ in their last digits become the same number
 * (two articles silently merge into one). Before parsing, numeric values of `"id"` keys are put
 * in quotes, so that the id is the text the file wrote. Node 20's JSON.parse reviver has no access
 * to the source text, hence this pass over the raw text.
 */

/** Cheap test: some `"id"` key has a number value (else the text is parsed as it is). */
const NUMERIC_ID = /"id"\s*:\s*-?\d/;
/**
 * A JSON string literal, with the number following it when the string is a key. Strings are
 * matched from the left, so a quote found between two matches always opens a string.
 */
const STRING_THEN_NUMBER = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"(?:(\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?))?/g;

/** The JSON text with every numeric `"id"` value written as a string (`"id": 12` → `"id": "12"`). */
export function quoteNumericIds(json: string): string {
  if (!NUMERIC_ID.test(json)) return json;
  return json.replace(STRING_THEN_NUMBER, (m: string, colon?: string, num?: string) =>
    num !== undefined && m.startsWith('"id"') && m.length === 4 + colon!.length + num.length
      ? `"id"${colon}"${num}"`
      : m,
  );
}
