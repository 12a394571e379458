/**
 * A link target from an attribute, kept only when it leads to a web page: a host that builds
 * `appointments-href` from a query string must not be able to turn our button into a
 * `javascript:` link.
 */
export function webHref(href: string | undefined, base: string = document.baseURI): string | undefined {
  if (!href?.trim()) return undefined;
  try {
    const { protocol } = new URL(href, base);
    return protocol === 'https:' || protocol === 'http:' ? href : undefined;
  } catch {
    return undefined;
  }
}
