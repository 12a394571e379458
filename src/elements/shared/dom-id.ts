/**
 * Element ids made from appointment ids. The contract gives appointment ids no character set
 * (contract question 14), but `aria-labelledby`, `aria-describedby` and `aria-controls` are lists
 * of ids split at white space, and a selector must escape the rest: an id such as "a b" would
 * name two elements that do not exist, leaving the appointment without its accessible name.
 *
 * `domId(part, id)` is `part`, an underscore, then `id` with every character outside
 * [A-Za-z0-9-] (the underscore included) written as `_<hex code point>_`. It is deterministic
 * and injective over both arguments: a part never holds an underscore, so the first one ends it,
 * and an escaped id reads back one way only. So two appointments never share an element id, nor
 * does one element of an appointment share another's ("note" of "hint-1" and "note-hint" of "1"
 * differ), and none equals the elements' fixed ids, which hold no underscore.
 */

const safePart = /^[A-Za-z][A-Za-z0-9-]*$/;
const plain = /[A-Za-z0-9-]/;

/** `id` with every character but ASCII letters, digits and hyphens escaped as `_<hex>_`. */
export function escapeIdText(id: string): string {
  let escaped = '';
  for (const character of id) {
    escaped += plain.test(character) ? character : `_${character.codePointAt(0)!.toString(16)}_`;
  }
  return escaped;
}

/**
 * The element id of `part` ("appointment", "manage", "note-hint"…) of the appointment `id`: a
 * single token, valid in HTML, in an IDREF list and (after `CSS.escape`) in a selector.
 */
export function domId(part: string, id: string): string {
  if (!safePart.test(part)) throw new RangeError(`An id part is a letter then letters, digits or hyphens, not "${part}".`);
  return `${part}_${escapeIdText(id)}`;
}
