import type { StandInRequest } from './recorded-request.js';

export interface PageOptions {
  /** The stand-in's base URL: GitHub's links are absolute and point back at the server that sent them. */
  apiUrl: string;
  perPageDefault: number;
}

export interface Page<T> {
  items: T[];
  /** The `Link` header, absent when everything fits on one page (GitHub omits it then). */
  link?: string;
}

const maximumPerPage = 100;

function positiveInteger(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * Slices one page the way GitHub does (`per_page` up to 100, `page` from 1) and builds its Link
 * header in GitHub's order, prev, next, last, first, each URL keeping the request's other query
 * parameters.
 */
export function paginate<T>(items: T[], request: StandInRequest, options: PageOptions): Page<T> {
  const perPage = Math.min(positiveInteger(request.query.per_page, options.perPageDefault), maximumPerPage);
  const page = positiveInteger(request.query.page, 1);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const pageItems = items.slice((page - 1) * perPage, page * perPage);

  const pageUrl = (target: number): string => {
    const url = new URL(request.path, options.apiUrl);
    for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
    url.searchParams.set('page', String(target));
    return url.toString();
  };

  const relations: string[] = [];
  if (page > 1) relations.push(`<${pageUrl(Math.min(page - 1, lastPage))}>; rel="prev"`);
  if (page < lastPage) {
    relations.push(`<${pageUrl(page + 1)}>; rel="next"`);
    relations.push(`<${pageUrl(lastPage)}>; rel="last"`);
  }
  if (page > 1) relations.push(`<${pageUrl(1)}>; rel="first"`);

  return relations.length === 0 ? { items: pageItems } : { items: pageItems, link: relations.join(', ') };
}
