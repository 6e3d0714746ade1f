// The extension's settings (package.json `contributes.configuration`, section `awuMeter`), read into one
// typed object. `readSettings` takes a getter so it can be called on any WorkspaceConfiguration.
import { SOURCES } from '../core/sources/registry';
import { SOURCE_IDS, type SourceId } from '../core/types';

export const SECTION = 'awuMeter';

export type StatusPeriod = 'today' | 'week';
export type StatusFormat = 'tokens' | 'cost' | 'both';

export interface Settings {
  sources: Record<SourceId, { enabled: boolean; extraPaths: string[] }>;
  identities: { extraEmails: string[] };
  git: { defaultBranch: string };
  tests: { patterns: string[] };
  weights: { commitLanded: number; prMerged: number; testsPassed: number };
  budget: { dailyCostUSD: number; tokensPerAwu: number };
  /** 0 = Sunday … 6 = Saturday. */
  weekStartsOn: number;
  /** An IANA zone; '' = the system's. */
  timeZone: string;
  tokens: { includeCacheReads: boolean };
  statusBar: { period: StatusPeriod; format: StatusFormat };
  /** Last week's summary at the first start of a week, and the folder that archives it ('' = none). */
  weeklySummary: { notify: boolean; folder: string };
  /** Spend of the running task since its last outcome past which the status bar warns (0 = off). */
  alerts: { noOutcomeCostUSD: number; noOutcomeNotify: boolean };
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

type Get = <T>(key: string) => T | undefined;

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim()) : [];
}

function num(v: unknown, fallback: number, min = 0): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback;
}

function oneOf<T extends string>(v: unknown, values: readonly T[], fallback: T): T {
  return values.includes(v as T) ? (v as T) : fallback;
}

/** Settings with defaults for anything missing or malformed (a hand-edited settings.json may hold anything). */
export function readSettings(get: Get): Settings {
  const sources = {} as Settings['sources'];
  for (const id of SOURCE_IDS) sources[id] = { enabled: get<boolean>(`sources.${id}.enabled`) !== false, extraPaths: strings(get(`sources.${id}.extraPaths`)) };
  const week = get<string>('weekStartsOn');
  return {
    sources,
    identities: { extraEmails: strings(get('identities.extraEmails')) },
    git: { defaultBranch: (get<string>('git.defaultBranch') ?? '').trim() },
    tests: { patterns: strings(get('tests.patterns')) },
    weights: {
      commitLanded: num(get('weights.commitLanded'), 1),
      prMerged: num(get('weights.prMerged'), 2),
      testsPassed: num(get('weights.testsPassed'), 0.5),
    },
    budget: { dailyCostUSD: num(get('budget.dailyCostUSD'), 0), tokensPerAwu: num(get('budget.tokensPerAwu'), 0) },
    weekStartsOn: Math.max(0, WEEKDAYS.indexOf(typeof week === 'string' ? week.toLowerCase() : 'monday')),
    timeZone: (get<string>('timeZone') ?? '').trim(),
    tokens: { includeCacheReads: get<boolean>('tokens.includeCacheReads') !== false },
    statusBar: {
      period: oneOf(get('statusBar.period'), ['today', 'week'] as const, 'today'),
      format: oneOf(get('statusBar.format'), ['tokens', 'cost', 'both'] as const, 'both'),
    },
    weeklySummary: {
      notify: get<boolean>('weeklySummary.notify') !== false,
      folder: typeof get('weeklySummary.folder') === 'string' ? get<string>('weeklySummary.folder')!.trim() : '',
    },
    alerts: { noOutcomeCostUSD: num(get('alerts.noOutcomeCostUSD'), 5), noOutcomeNotify: get<boolean>('alerts.noOutcomeNotify') !== false },
  };
}

/** The sources to read: the enabled ones. */
export function enabledSources(s: Settings): SourceId[] {
  return SOURCE_IDS.filter((id) => s.sources[id]?.enabled !== false && id in SOURCES);
}
