/**
 * An instructor's link may name a text of the site's own for the custom
 * domain: `domainUrl=data/…`, a path relative to the page. A full URL on
 * another origin is refused by name: the lab reads only its own site's files.
 */
export const DOMAIN_URL_PARAM = 'domainUrl';

export function resolveDomainUrl(value: string, pageUrl: string): { url: string; name: string } | { error: string } {
  const page = new URL(pageUrl);
  let url: URL;
  try {
    url = new URL(value, page);
  } catch {
    return { error: `domainUrl '${value.slice(0, 80)}' is not a URL` };
  }
  if (url.origin !== page.origin) {
    return { error: `domainUrl names a file on another site (${url.origin}); the lab reads texts only from its own site (${page.origin}): give a relative path such as data/my-text.txt` };
  }
  const name = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'linked text';
  return { url: url.href, name };
}
