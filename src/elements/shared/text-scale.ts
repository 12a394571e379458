/**
 * How much the page's text is enlarged: the root font size over the usual 16 px (2 at 200 %). The
 * elements' narrow layouts start at widths scaled by it, so enlarged text gets the layout a phone
 * gets rather than a week squeezed into columns too narrow for its words (WCAG 1.4.4).
 */
export function textScale(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
}
