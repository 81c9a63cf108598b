// `npm run package`: the Teams app package, appPackage/build/sikker-by.zip.
// Reads appPackage/manifest.json and its localisation files, fills their
// ${{NAME}} placeholders from the environment, validates the result offline
// against the JSON schemas bundled in @microsoft/app-manifest, checks the icons,
// and zips the manifest, the localisation files and the icons at the zip's root.
//
// BOT_ID, TEAMS_APP_ID and BOT_DOMAIN are all required, with no defaults: a
// package with a made-up bot id installs but never answers, and a fresh app id
// on each build makes Teams treat every build as another app. A missing or
// malformed variable stops the build, and every problem is named at once.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { z } from 'zod';

export const APP_DIR = path.join(__dirname, '..', 'appPackage');
export const OUT_FILE = path.join(APP_DIR, 'build', 'sikker-by.zip');

/** Every reason the package was not built, one line each. */
export class PackageError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(['The Teams app package was not built:', ...problems.map((p) => `  - ${p}`)].join('\n'));
    this.name = 'PackageError';
  }
}

// ---- the variables ---------------------------------------------------------

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A bare host name: Teams wants validDomains without scheme, port or path.
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;

const Variables = z.object({
  BOT_ID: z.string().regex(GUID),
  TEAMS_APP_ID: z.string().regex(GUID),
  BOT_DOMAIN: z.string().regex(HOST),
});
export type PackageVariables = z.infer<typeof Variables>;
type Variable = keyof PackageVariables;

const EXPECTED: Record<Variable, string> = {
  BOT_ID: "the bot's Microsoft Entra app id, a GUID (the MicrosoftAppId the bot runs with)",
  TEAMS_APP_ID: 'the Teams app id, a GUID of your own that stays the same from build to build',
  BOT_DOMAIN: 'the host name the bot is reached on, without https://, port or path (e.g. sikkerby.example.org)',
};

export function readVariables(env: Readonly<Record<string, string | undefined>>): PackageVariables {
  const names = Object.keys(EXPECTED) as Variable[];
  // An empty variable (`BOT_ID=`) counts as missing, not as an empty id.
  const given = Object.fromEntries(names.map((name) => [name, env[name]?.trim() || undefined]));
  const result = Variables.safeParse(given);
  if (result.success) return result.data;
  const bad = [...new Set(result.error.issues.map((issue) => issue.path[0] as Variable))];
  throw new PackageError(
    bad.map((name) =>
      given[name] === undefined
        ? `${name} is not set: set it to ${EXPECTED[name]}`
        : `${name}=${JSON.stringify(given[name])} is not ${EXPECTED[name]}`,
    ),
  );
}

// ---- placeholders -----------------------------------------------------------

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces every ${{NAME}} in a JSON text; a name without a value is an error naming the file. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>, file: string): string {
  const missing = [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))].filter((name) => !(name in values));
  if (missing.length > 0) throw new PackageError(missing.map((name) => `${file} uses \${{${name}}}, which has no value`));
  // The values go into JSON strings: escape them as such.
  return text.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(values[name]).slice(1, -1));
}

// ---- offline schema validation ---------------------------------------------

const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?(json-schemas\/teams\/(v[\w.]+)\/MicrosoftTeams(\.Localization)?\.schema\.json)$/i;
const SCHEMA_ROOT = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build');

type JsonSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/**
 * The copy of a Teams schema that @microsoft/app-manifest ships in build/json-schemas/.
 * Left to itself, `validateAgainstSchema(manifest)` also looks there first but falls
 * back to downloading the `$schema` URL; handing it the schema guarantees no download.
 */
export function bundledSchema(url: unknown, kind: 'manifest' | 'localization'): { schema: JsonSchema; version: string } {
  const match = typeof url === 'string' ? SCHEMA_URL.exec(url) : null;
  if (!match || Boolean(match[3]) !== (kind === 'localization')) {
    const example = `https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams${kind === 'localization' ? '.Localization' : ''}.schema.json`;
    throw new PackageError([`$schema ${JSON.stringify(url)} is not a Teams ${kind} schema URL such as ${example}`]);
  }
  const file = path.join(SCHEMA_ROOT, match[1] as string);
  if (!existsSync(file)) {
    throw new PackageError([`$schema ${url}: @microsoft/app-manifest has no copy of this schema (looked for ${file}), so it cannot be checked offline; use a version it bundles`]);
  }
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return { schema: (kind === 'localization' ? repairPatterns(schema) : schema) as JsonSchema, version: match[2] as string };
}

/**
 * Every localisation schema bundled in @microsoft/app-manifest 1.1.2 (1.10 up to
 * devPreview) has two patternProperties keys, `^activities.activityTypes\[\b(…)\b]…`,
 * with a lone `]`. Plain JavaScript regular expressions accept it as a literal;
 * ajv compiles with the `u` flag, which rejects it, so validateAgainstSchema throws
 * on every localisation file. Escaping that `]` keeps the pattern's meaning.
 */
function repairPatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(repairPatterns);
  if (node === null || typeof node !== 'object') return node;
  const repair = (pattern: string): string => (compiles(pattern) ? pattern : pattern.replace(/\\b\]/g, '\\b\\]'));
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'patternProperties' && value && typeof value === 'object') {
        return [key, Object.fromEntries(Object.entries(value).map(([p, v]) => [repair(p), repairPatterns(v)]))];
      }
      if (key === 'pattern' && typeof value === 'string') return [key, repair(value)];
      return [key, repairPatterns(value)];
    }),
  );
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch (err) {
    if (err instanceof SyntaxError) return false;
    throw err;
  }
}

async function schemaProblems(doc: object, schema: JsonSchema, file: string): Promise<string[]> {
  // The library's messages are "<instancePath> <message>. Details: {…}"; the path is empty at the top level.
  let errors: string[];
  try {
    errors = await AppManifestUtils.validateAgainstSchema(doc as AppManifest, schema);
  } catch (err) {
    // ajv throws while compiling a schema it cannot read (see repairPatterns).
    throw new PackageError([`${file}: its schema could not be compiled by ajv, so nothing was checked (${err instanceof Error ? err.message : String(err)})`]);
  }
  return errors.map((e) => `${file}: ${e.startsWith(' ') ? `(top level)${e}` : e}`);
}

// ---- what the schema cannot say --------------------------------------------

const Command = z.object({ title: z.string(), description: z.string() });
/** The parts of a (schema-valid) manifest that the checks below read. */
export const ManifestParts = z.looseObject({
  $schema: z.string(),
  version: z.string(),
  name: z.object({ short: z.string(), full: z.string().optional() }),
  description: z.object({ short: z.string(), full: z.string() }),
  icons: z.object({ color: z.string(), outline: z.string() }),
  bots: z.array(z.looseObject({ commandLists: z.array(z.looseObject({ commands: z.array(Command) })).default([]) })).default([]),
  staticTabs: z
    .array(z.looseObject({ entityId: z.string(), name: z.string().optional(), contentUrl: z.string().optional(), websiteUrl: z.string().optional() }))
    .default([]),
  validDomains: z.array(z.string()).default([]),
  localizationInfo: z
    .object({ defaultLanguageTag: z.string(), additionalLanguages: z.array(z.object({ languageTag: z.string(), file: z.string() })).default([]) })
    .optional(),
});
export type ManifestParts = z.infer<typeof ManifestParts>;

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

function domainCovers(domain: string, host: string): boolean {
  return domain.startsWith('*.') ? host.endsWith(domain.slice(1)) : host === domain.toLowerCase();
}

function partsProblems(m: ManifestParts, file: string): string[] {
  const problems: string[] = [];
  // The schema only caps the version's length; Teams wants x.y.z.
  if (!SEMVER.test(m.version)) problems.push(`${file}: /version ${JSON.stringify(m.version)} is not major.minor.patch`);
  for (const domain of m.validDomains) {
    if (/[/:]/.test(domain)) problems.push(`${file}: /validDomains ${JSON.stringify(domain)} must be a bare domain, without scheme, port or path`);
  }
  m.staticTabs.forEach((tab, i) => {
    for (const key of ['contentUrl', 'websiteUrl'] as const) {
      const url = tab[key];
      if (url === undefined) continue;
      const host = URL.canParse(url) ? new URL(url).hostname : undefined;
      if (host === undefined) problems.push(`${file}: /staticTabs/${i}/${key} ${JSON.stringify(url)} is not a URL`);
      else if (!m.validDomains.some((d) => domainCovers(d, host))) problems.push(`${file}: /staticTabs/${i}/${key} is on ${host}, which validDomains does not list`);
    }
  });
  return problems;
}

/** Schema errors and our own checks of a filled manifest, each line naming file and JSON path. */
export async function validateManifest(manifest: unknown, file = 'manifest.json'): Promise<string[]> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return [`${file}: is not a JSON object`];
  const leftovers = JSON.stringify(manifest).match(/\$\{\{[^}]*\}\}/g);
  if (leftovers) return [`${file}: unfilled placeholders ${[...new Set(leftovers)].join(', ')}`];
  const { schema } = bundledSchema((manifest as { $schema?: unknown }).$schema, 'manifest');
  const problems = await schemaProblems(manifest, schema, file);
  if (problems.length > 0) return problems;
  return partsProblems(ManifestParts.parse(manifest), file);
}

/** The manifest's strings that a localisation file may translate, by the key Teams uses for them. */
export function localizableStrings(m: ManifestParts): Map<string, string> {
  const strings = new Map<string, string>([['name.short', m.name.short]]);
  if (m.name.full !== undefined) strings.set('name.full', m.name.full);
  strings.set('description.short', m.description.short);
  strings.set('description.full', m.description.full);
  m.staticTabs.forEach((tab, i) => {
    if (tab.name !== undefined) strings.set(`staticTabs[${i}].name`, tab.name);
  });
  m.bots.forEach((bot, b) =>
    bot.commandLists.forEach((list, l) =>
      list.commands.forEach((command, c) => {
        strings.set(`bots[${b}].commandLists[${l}].commands[${c}].title`, command.title);
        strings.set(`bots[${b}].commandLists[${l}].commands[${c}].description`, command.description);
      }),
    ),
  );
  return strings;
}

/** A localisation file against its schema and against the (valid) manifest: it must translate every string, and only those. */
export async function validateLocalization(localization: unknown, manifest: ManifestParts, file: string): Promise<string[]> {
  if (localization === null || typeof localization !== 'object' || Array.isArray(localization)) return [`${file}: is not a JSON object`];
  const url = (localization as { $schema?: unknown }).$schema;
  const { schema, version } = bundledSchema(url, 'localization');
  const manifestVersion = bundledSchema(manifest.$schema, 'manifest').version;
  const problems: string[] = [];
  if (version !== manifestVersion) problems.push(`${file}: $schema is the ${version} localisation schema, the manifest is ${manifestVersion}`);
  problems.push(...(await schemaProblems(localization, schema, file)));
  const strings = localizableStrings(manifest);
  const keys = Object.keys(localization).filter((key) => key !== '$schema');
  for (const key of keys) if (!strings.has(key)) problems.push(`${file}: translates "${key}", which the manifest does not have`);
  for (const [key, text] of strings) if (!keys.includes(key)) problems.push(`${file}: no translation of "${key}" (${JSON.stringify(text)})`);
  return problems;
}

// ---- icons ------------------------------------------------------------------

const ICON_SIZE = { color: 192, outline: 32 } as const;

/** Size, and for the outline icon Teams' rule: white on transparency, nothing else. */
export function iconProblems(png: Buffer, kind: 'color' | 'outline', file: string): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (err) {
    return [`${file}: not a readable PNG (${err instanceof Error ? err.message : String(err)})`];
  }
  const size = ICON_SIZE[kind];
  if (image.width !== size || image.height !== size) return [`${file}: is ${image.width}×${image.height}, the ${kind} icon must be ${size}×${size}`];
  if (kind === 'color') return [];
  let coloured = 0;
  let firstColoured: string | undefined;
  let transparent = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]] as number[];
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      coloured++;
      const p = i / 4;
      firstColoured ??= `(${p % size}, ${Math.floor(p / size)}) is rgba(${r}, ${g}, ${b}, ${a})`;
    }
  }
  const problems: string[] = [];
  if (coloured > 0) problems.push(`${file}: ${coloured} visible pixels are not white, e.g. ${firstColoured}; the outline icon must be white on transparency`);
  if (transparent === 0) problems.push(`${file}: has no transparent pixel; the outline icon must be white on a transparent background`);
  if (transparent === size * size) problems.push(`${file}: is fully transparent`);
  return problems;
}

// ---- the package ------------------------------------------------------------

// A fixed time stamp makes the same inputs give the same zip, byte for byte.
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

export interface BuildOptions {
  env: Readonly<Record<string, string | undefined>>;
  appDir?: string;
  outFile?: string;
}

export async function buildPackage({ env, appDir = APP_DIR, outFile = OUT_FILE }: BuildOptions): Promise<{ outFile: string; files: string[] }> {
  const variables = readVariables(env);
  const readJson = (file: string): unknown => {
    const full = path.join(appDir, file);
    if (!existsSync(full)) throw new PackageError([`${file}: not found in ${appDir}`]);
    const text = fillPlaceholders(readFileSync(full, 'utf8'), variables, file);
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new PackageError([`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`]);
    }
  };

  const manifest = readJson('manifest.json');
  const manifestProblems = await validateManifest(manifest);
  if (manifestProblems.length > 0) throw new PackageError(manifestProblems);
  const parts = ManifestParts.parse(manifest);

  const problems: string[] = [];
  const entries = new Map<string, Buffer>([['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')]]);
  for (const { file } of parts.localizationInfo?.additionalLanguages ?? []) {
    const localization = readJson(file);
    problems.push(...(await validateLocalization(localization, parts, file)));
    entries.set(file, Buffer.from(JSON.stringify(localization, null, 2) + '\n'));
  }
  for (const kind of ['color', 'outline'] as const) {
    const file = parts.icons[kind];
    const full = path.join(appDir, file);
    if (!existsSync(full)) {
      problems.push(`${file}: the ${kind} icon is not found in ${appDir}`);
      continue;
    }
    const png = readFileSync(full);
    problems.push(...iconProblems(png, kind, file));
    entries.set(file, png);
  }
  if (problems.length > 0) throw new PackageError(problems);

  const zip = new JSZip();
  for (const [name, data] of entries) zip.file(name, data, { date: ZIP_DATE });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'DOS' });
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, bytes);
  return { outFile, files: [...entries.keys()] };
}

async function main(): Promise<void> {
  try {
    // This script is its own composition root: the environment is read here and nowhere else.
    const { outFile, files } = await buildPackage({ env: process.env });
    console.log(`Wrote ${path.relative(process.cwd(), outFile)} (${files.join(', ')}).`);
    console.log('Upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.');
  } catch (err) {
    if (!(err instanceof PackageError)) throw err;
    console.error(err.message);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
