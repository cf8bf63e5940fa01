import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import type { Manifest } from './manifestTypes';
import type { Problem } from './problems';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The nil GUID stands in for ids of an environment that has not been provisioned yet. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/** Says how to fix a field: which env variable it was built from, or which file to edit. */
export type FixHint = (path: string, fallback: string) => string;

/** Ids Teams and Entra hand out must be GUIDs; the nil GUID only where `allowNil` (unprovisioned local). */
export function checkIds(manifest: Manifest, hint: FixHint, allowNil: boolean): Problem[] {
  const fields: Array<[string, string | undefined, string]> = [
    ['id', manifest.id, 'the Teams app id'],
    ['webApplicationInfo.id', manifest.webApplicationInfo?.id, "the SSO app registration's client id"],
    ...(manifest.bots ?? []).map((b, i): [string, string | undefined, string] => [
      `bots[${i}].botId`,
      b.botId,
      "the bot's Microsoft App ID",
    ]),
  ];
  const problems: Problem[] = [];
  for (const [field, value, what] of fields) {
    if (value === undefined) continue;
    if (!GUID.test(value)) {
      problems.push({
        field,
        message: `"${value}" is not a GUID`,
        fix: hint(
          field,
          `put ${what} (a GUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427) in appPackage/manifest.json`,
        ),
      });
    } else if (value === NIL_GUID && !allowNil) {
      problems.push({
        field,
        message: 'is the nil GUID: this environment has not been provisioned',
        fix: hint(field, `put ${what} in appPackage/manifest.json`) + ' (run provision to create it)',
      });
    }
  }
  return problems;
}

function domainMatches(entry: string, url: URL): boolean {
  const e = entry.toLowerCase();
  const target = e.includes(':') ? url.host.toLowerCase() : url.hostname.toLowerCase();
  if (e.startsWith('*.')) return target.endsWith(e.slice(1)) && target.length > e.length - 1;
  return target === e;
}

/** Every string in the manifest that looks like a web URL, with its path (the `$schema` link excepted). */
export function manifestUrls(manifest: Manifest): Array<{ field: string; url: string }> {
  const out: Array<{ field: string; url: string }> = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') {
      if (/^https?:\/\//i.test(node) && path !== '$schema') out.push({ field: path, url: node });
    } else if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(manifest, '');
  return out;
}

/** Every URL is HTTPS and on a `validDomains` entry; entries are bare host names (optionally with port). */
export function checkDomains(manifest: Manifest, hint: FixHint): Problem[] {
  const problems: Problem[] = [];
  const domains = manifest.validDomains ?? [];
  domains.forEach((d, i) => {
    if (d === '' || /[/\s]/.test(d) || d.includes('://')) {
      problems.push({
        field: `validDomains[${i}]`,
        message: `"${d}" is not a bare host name`,
        fix:
          hint(`validDomains[${i}]`, 'list host names only, e.g. stoa.example.edu') +
          ' (no https://, no path)',
      });
    }
  });
  for (const { field, url } of manifestUrls(manifest)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push({ field, message: `"${url}" is not a URL`, fix: hint(field, 'fix the URL') });
      continue;
    }
    if (parsed.protocol !== 'https:') {
      problems.push({
        field,
        message: `"${url}" is not HTTPS; Teams loads only HTTPS pages`,
        fix: hint(field, 'use an https:// URL'),
      });
    }
    if (!domains.some((d) => domainMatches(d, parsed))) {
      problems.push({
        field,
        message: `"${url}" is on ${parsed.host}, which is not in validDomains [${domains.join(', ')}]`,
        fix: hint(field, `serve it from a valid domain or add ${parsed.host} to validDomains`),
      });
    }
  }
  return problems;
}

/**
 * The tab URLs must be routes the tab serves (TAB_ROUTES). Side panel, stage and channel views are not
 * named here: the configuration page picks them at runtime, and the tab's own tests cover them.
 */
export function checkTabRoutes(manifest: Manifest): Problem[] {
  const expected: Array<[string, string | undefined, string]> = [
    ...(manifest.configurableTabs ?? []).map((t, i): [string, string | undefined, string] => [
      `configurableTabs[${i}].configurationUrl`,
      t.configurationUrl,
      TAB_ROUTES.config,
    ]),
    ...(manifest.staticTabs ?? []).flatMap((t, i): Array<[string, string | undefined, string]> => [
      [`staticTabs[${i}].contentUrl`, t.contentUrl, TAB_ROUTES.personal],
      [`staticTabs[${i}].websiteUrl`, t.websiteUrl, TAB_ROUTES.personal],
    ]),
    ['developer.privacyUrl', manifest.developer?.privacyUrl, TAB_ROUTES.privacy],
    ['developer.termsOfUseUrl', manifest.developer?.termsOfUseUrl, TAB_ROUTES.terms],
  ];
  const problems: Problem[] = [];
  for (const [field, url, route] of expected) {
    if (url === undefined) continue;
    const path = URL.canParse(url) ? new URL(url).pathname : url;
    if (path !== route) {
      problems.push({
        field,
        message: `points at "${path}", but the tab serves this view at "${route}"`,
        fix: `use \${{TAB_ENDPOINT}}${route} in appPackage/manifest.json (routes live in shared/contract/tabRoutes.ts)`,
      });
    }
  }
  return problems;
}

/** The SSO resource must be `api://{valid domain}/{webApplicationInfo.id}`: the service's v1 audience. */
export function checkSso(manifest: Manifest): Problem[] {
  const info = manifest.webApplicationInfo;
  if (!info) {
    return [
      {
        field: 'webApplicationInfo',
        message: 'is missing, so the tab cannot get SSO tokens',
        fix: 'add { "id": "${{AAD_APP_CLIENT_ID}}", "resource": "api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}" }',
      },
    ];
  }
  const match = /^api:\/\/([^/]+)\/(.+)$/.exec(info.resource ?? '');
  const ok = match && (manifest.validDomains ?? []).includes(match[1]!) && match[2] === info.id;
  if (ok) return [];
  return [
    {
      field: 'webApplicationInfo.resource',
      message: `"${info.resource ?? ''}" is not api://{a validDomains entry}/{webApplicationInfo.id}`,
      fix: 'use "api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}" and give the service AAD_APP_ID_URI the same value',
    },
  ];
}
