import { strict as assert } from 'node:assert';
import { parse as parseCsv } from 'csv-parse/sync';
import { renderWeek, WEEK_FORMATS, weekFileName } from '../../src/core/report/week/exportWeek';
import { CSV_COLUMNS } from '../../src/core/report/week/renderCsv';
import { WEEK_HTML_CSP } from '../../src/core/report/week/renderHtml';
import { outcomeRow } from '../../src/core/outcomes/taskRows';
import { weekSummarySchema, type WeekSummary } from '../../src/core/report/week/weekSchema';
import { AGENT_TASK, HAND_TASK, PR_COMMITS, prOutcomes } from './helpers/prOutcomes';
import { BILLING, emptyWeekFixture, UNICODE_PROJECT, UNPRICED_MODEL, weekFixture } from './helpers/weekFixture';
import { join } from 'node:path';
import { buildWeekSummary } from '../../src/core/report/week/buildWeekSummary';
import { Pricer } from '../../src/core/pricing/pricing';
import { ZoneCalendar } from '../../src/core/time/zone';
import { ClaudeSession, min } from './helpers/claudeSession';
import { sessionMeta, tokenCount, turnContext } from './helpers/codexLines';
import { scan, tempDir, writeLines } from './helpers/engine';
import { GitRepo } from './helpers/gitRepo';

type CsvRecord = Record<(typeof CSV_COLUMNS)[number], string>;

function csvRecords(csv: string): CsvRecord[] {
  return parseCsv(csv, { bom: true, columns: true, record_delimiter: '\r\n' }) as CsvRecord[];
}

function withTask(summary: WeekSummary, index: number, change: Partial<WeekSummary['tasks'][number]>): WeekSummary {
  const copy = structuredClone(summary);
  copy.tasks[index] = { ...copy.tasks[index]!, ...change };
  return copy;
}

/** The lines of one `## Title` section of the Markdown. */
function markdownSection(md: string, title: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf(`## ${title}`);
  assert.ok(start >= 0, `section ${title}`);
  const next = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start + 1, next < 0 ? undefined : next).filter((l) => l !== '');
}

/** Cell count of a Markdown table row: pipes not escaped with a backslash separate cells. */
function markdownCells(line: string): string[] {
  return line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function unescapeHtml(text: string): string {
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' };
  return text.replace(/&(?:lt|gt|quot|#39|amp);/g, (e) => entities[e]!);
}

/** The body cells of the HTML table under `<h2 id="…">`, as text. */
function htmlTableCells(html: string, id: string): string[][] {
  const table = new RegExp(`<h2 id="${id}">[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html)![1]!;
  return [...table.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => unescapeHtml(cell[1]!)));
}

describe('weekly summary export', () => {
  it('names files after the ISO week and refuses a label that is no week', () => {
    assert.deepEqual(
      WEEK_FORMATS.map((f) => weekFileName(weekFixture(), f)),
      ['awu-week-2026-W48.md', 'awu-week-2026-W48.csv', 'awu-week-2026-W48.json', 'awu-week-2026-W48.html'],
    );
    assert.throws(() => weekFileName({ week: '../../etc/passwd' }, 'md'), /Invalid week label/);
  });

  it('renders nothing from a summary that does not match its schema', () => {
    const bad = weekFixture() as unknown as Record<string, unknown>;
    bad.week = 'last week';
    for (const format of WEEK_FORMATS) assert.throws(() => renderWeek(bad as unknown as WeekSummary, format), /does not match its schema[\s\S]*week/);
  });

  it('lets no field beyond the schema into any format (unknown keys are dropped, not passed on)', () => {
    const leaky = weekFixture() as unknown as Record<string, unknown> & { tasks: Record<string, unknown>[]; outcomes: Record<string, unknown>[] };
    leaky.prompt = 'SECRET-PROMPT-TEXT';
    leaky.tasks[0]!.firstPrompt = 'SECRET-PROMPT-TEXT';
    leaky.outcomes[0]!.diff = 'SECRET-CODE-TEXT';
    assert.equal(weekSummarySchema.parse(leaky).tasks[0]!.hasOwnProperty('firstPrompt'), false);
    for (const format of WEEK_FORMATS) {
      const out = renderWeek(leaky as unknown as WeekSummary, format);
      assert.ok(!out.includes('SECRET-'), format);
    }
  });

  describe('Markdown', () => {
    const md = renderWeek(weekFixture(), 'md');

    it('titles the week with its dates and heads it with the figures and their change', () => {
      assert.match(md, /^# AWU Meter — week 2026-W48\n\nMon 23 Nov – Sun 29 Nov · Europe\/Berlin · generated 2026-11-30 08:00\n/);
      assert.deepEqual(markdownSection(md, 'Headline').slice(2).map(markdownCells), [
        ['Tokens', '5,544,375', '4,950,000', '▲ 12 %'],
        ['Cost', '$8.48 (+ unknown)', '$7.20', '▲ 18 %'],
        ['AWUs', '6.5', '5', '▲ 30 %'],
        ['Tokens per AWU', '852,981', '990,000', '▼ 14 %'],
        ['Cost per AWU', '$1.31', '$1.44', '▼ 9 %'],
        ['Token-free share', '31 %', '20 %', '▲ 11 pp'],
      ]);
    });

    it('has the project, task, model and no-outcome tables, with unknown costs shown as unknown', () => {
      const projects = markdownSection(md, 'Projects').slice(2).map(markdownCells);
      assert.deepEqual(projects, [
        ['awu-meter', '4,566,875', '$6.48', '5.5', '830,341', '2'],
        [BILLING, '828,000', '$2.00', '1', '828,000', '2'],
        [UNICODE_PROJECT, '149,500', 'unknown', '0', '—', '1'],
      ]);
      const tasks = markdownSection(md, 'Tasks').slice(2).map(markdownCells);
      assert.deepEqual(
        tasks.map((cells) => [cells[0], cells[4], cells[6]]),
        [
          ['Weekly summary export (#42)', 'Mon 09:12–12:47', '$6.48'],
          ['Invoice PDF: quote "legacy" names, commas', 'Tue 14:05–15:20', '$1.05'],
          ['WIP: ünïcode ✓ 日本語', 'Wed 20:30–21:10', 'unknown'],
          ['billing, "legacy" api · Thu 10:00', 'Thu 10:00–11:30', '$0.95'],
          ['Fix typo in README', 'Fri 16:00–17:30', '$0.00'],
        ],
      );
      assert.ok(tasks.every((cells) => cells.length === 11));
      assert.deepEqual(markdownSection(md, 'Model mix').slice(2).map((l) => markdownCells(l)[0]), ['claude-sonnet-4-5', 'gpt-5-codex', 'claude-haiku-4-5', UNPRICED_MODEL]);
      assert.deepEqual(markdownSection(md, 'Spend with no outcome').slice(2).map((l) => markdownCells(l).slice(0, 1).concat(markdownCells(l).slice(4))), [
        ['billing, "legacy" api · Thu 10:00', '$0.95'],
        ['WIP: ünïcode ✓ 日本語', 'unknown'],
      ]);
      assert.match(markdownSection(md, 'Unpriced models')[0]!, /mystery-model-x: their cost is unknown \(not \$0\)/);
    });

    it('lists every outcome, zero-AWU ones with their reason, and escapes text from the data', () => {
      const outcomes = markdownSection(md, 'Outcomes');
      assert.deepEqual(markdownCells(outcomes[0]!), ['When', 'Outcome', 'Ref', 'Project', 'AWU', 'Subject', 'Linked']);
      const rows = outcomes.slice(2).map(markdownCells);
      assert.equal(rows.length, 9);
      assert.deepEqual(rows[0], ['Mon 10:40', 'Commit landed', 'a1b2c3d', 'awu-meter', '1', 'Render week export \\| CSV \\*and\\* \\<b\\>HTML\\</b\\>', 'tool call \\`git commit\\` at 10:40']);
      assert.deepEqual(rows.map((r) => r[4]), ['1', '0.5', '0 (nothing changed since the last counted pass)', '2', '1', '0 (reverted)', '0 (pending: not on the default branch yet)', '1', '1']);
      assert.deepEqual(rows.map((r) => r[1]), ['Commit landed', 'Tests passed', 'Tests passed', 'PR merged', 'Commit landed', 'Commit landed', 'Local commit', 'Commit landed', 'Commit landed']);
      assert.ok(!md.includes('<b>'));
      assert.ok(md.includes('Weekly summary export (#42)'));
    });

    it('keeps a pipe or a newline in a project name inside its cell', () => {
      const out = renderWeek(withTask(weekFixture(), 0, { project: 'a|b\nc' }), 'md');
      const row = markdownSection(out, 'Tasks').find((l) => l.startsWith('| Weekly summary export'))!;
      assert.equal(markdownCells(row)[2], 'a\\|b c');
    });

    it('leaves commit subjects out when the summary leaves them out, even if its rows still hold them', () => {
      const out = renderWeek({ ...weekFixture(), includesSubjects: false }, 'md');
      assert.ok(!out.includes('Subject'));
      for (const o of weekFixture().outcomes) if (o.subject) assert.ok(!out.includes(o.subject.slice(0, 10)), o.subject);
      assert.equal(markdownSection(out, 'Outcomes').slice(2).length, 9);
      // Tasks named by a PR title or a commit subject are named by project and start instead (Europe/Berlin).
      const names = markdownSection(out, 'Tasks').slice(2).map((l) => markdownCells(l)[0]);
      assert.deepEqual(names, ['awu-meter · Mon 09:12', 'billing, "legacy" api · Tue 14:05', 'café-ünïcode 日本 · Wed 20:30', 'billing, "legacy" api · Thu 10:00', 'awu-meter · Fri 16:00']);
    });

    it('falls back to UTC times when the summary names no known time zone', () => {
      const out = renderWeek({ ...weekFixture(), timeZone: 'Not/AZone' }, 'md');
      assert.ok(markdownSection(out, 'Tasks').some((l) => l.includes('| Mon 08:12–11:47 |')));
    });

    it('reports an empty week as no activity, without tables', () => {
      const out = renderWeek(emptyWeekFixture(), 'md');
      assert.match(out, /No activity in week 2026-W52 \(2026-12-21 – 2026-12-27\)/);
      assert.ok(!out.includes('|'));
      assert.ok(!out.includes('## '));
    });
  });

  describe('CSV', () => {
    const csv = renderWeek(weekFixture(), 'csv');

    it('is UTF-8 with a byte order mark and CRLF line ends', () => {
      assert.ok(csv.startsWith('\uFEFFtask_id,task_name,source,'));
      assert.ok(csv.endsWith('\r\n'));
      assert.equal(csv.split('\r\n').length - 1, 1 + weekFixture().tasks.length);
      assert.ok(!/[^\r]\n/.test(csv));
    });

    it('parses back to one row per task with its numbers', () => {
      const records = csvRecords(csv);
      const tasks = weekFixture().tasks;
      assert.deepEqual(Object.keys(records[0]!), [...CSV_COLUMNS]);
      assert.equal(records.length, tasks.length);
      records.forEach((r, i) => {
        const t = tasks[i]!;
        assert.equal(r.task_name, t.name);
        assert.deepEqual([r.task_id, r.source, r.session_id, r.project, r.branch, r.start, r.end], [t.id, t.source, t.sessionId ?? '', t.project, t.branch ?? '', t.start, t.end]);
        assert.deepEqual(
          [r.input_tokens, r.output_tokens, r.cache_creation_tokens, r.cache_read_tokens, r.total_tokens, r.awu, r.outcomes].map(Number),
          [t.tokens.input, t.tokens.output, t.tokens.cacheCreation, t.tokens.cacheRead, t.tokens.total, t.awu, t.outcomes],
        );
        if (t.costUSD === null) assert.equal(r.cost_usd, '');
        else assert.ok(Math.abs(Number(r.cost_usd) - t.costUSD) < 1e-6, r.cost_usd);
        if (t.tokensPerAwu === null) assert.equal(r.tokens_per_awu, '');
        else assert.ok(Math.abs(Number(r.tokens_per_awu) - t.tokensPerAwu) < 0.01, r.tokens_per_awu);
        assert.deepEqual(r.models === '' ? [] : r.models.split(';'), t.models);
      });
      assert.equal(records[2]!.project, UNICODE_PROJECT);
      assert.equal(records[2]!.models, UNPRICED_MODEL);
    });

    it('quotes commas, quotes and newlines the RFC 4180 way', () => {
      assert.ok(csv.includes('"billing, ""legacy"" api"'));
      const tricky = 'line one\r\nline "two", three\nfour';
      const [record] = csvRecords(renderWeek(withTask(weekFixture(), 0, { project: tricky }), 'csv'));
      assert.equal(record!.project, tricky);
    });

    it("defuses cells a spreadsheet would run as formulas, but not real numbers", () => {
      let summary = withTask(weekFixture(), 0, { project: '=HYPERLINK("x","click")', branch: '@SUM(A1:A9)' });
      summary = withTask(summary, 1, { project: '+cmd|calc', branch: '-2.5' });
      summary = withTask(summary, 2, { project: '-x', branch: '\tindent' });
      const records = csvRecords(renderWeek(summary, 'csv'));
      assert.deepEqual(
        records.slice(0, 3).map((r) => [r.project, r.branch]),
        [
          [`'=HYPERLINK("x","click")`, "'@SUM(A1:A9)"],
          ["'+cmd|calc", '-2.5'],
          ["'-x", "'\tindent"],
        ],
      );
      assert.ok(records.every((r) => !r.total_tokens.startsWith("'")));
    });

    it('has only the header for an empty week', () => {
      const out = renderWeek(emptyWeekFixture(), 'csv');
      assert.equal(out, `\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
      assert.deepEqual(csvRecords(out), []);
    });
  });

  describe('JSON', () => {
    it('is the summary as is, and passes its schema', () => {
      for (const summary of [weekFixture(), emptyWeekFixture()]) {
        const json = renderWeek(summary, 'json');
        assert.deepEqual(weekSummarySchema.parse(JSON.parse(json)), summary);
        assert.deepEqual(JSON.parse(json), summary);
      }
    });

    it('drops subjects the summary says it leaves out', () => {
      const parsed = weekSummarySchema.parse(JSON.parse(renderWeek({ ...weekFixture(), includesSubjects: false }, 'json')));
      assert.ok(parsed.outcomes.every((o) => o.subject === undefined));
    });
  });

  describe('HTML', () => {
    const html = renderWeek(weekFixture(), 'html');

    it('is one self-contained page: a strict CSP, no script, nothing loaded from a URL', () => {
      assert.ok(html.startsWith('<!DOCTYPE html>'));
      assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${WEEK_HTML_CSP}">`));
      assert.equal(WEEK_HTML_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      assert.ok(!/<script/i.test(html));
      assert.ok(!/\b(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?\/\//i.test(html));
      assert.ok(!/url\(\s*["']?\s*(?:[a-z]+:)?\/\//i.test(html));
      assert.ok(!/https?:/i.test(html));
      assert.ok(!/@import|@font-face/i.test(html));
      assert.match(html, /@media \(prefers-color-scheme: dark\)/);
    });

    it('shows the headline figures and the same tables as Markdown', () => {
      for (const text of ['5,544,375', '▲ 12 %', '$8.48 <span class="value-note">+ unknown</span>', '▲ 30 %', '852,981', '▼ 14 %', '31 %', '▲ 11 pp']) assert.ok(html.includes(text), text);
      for (const id of ['projects', 'tasks', 'outcomes', 'models', 'no-outcome']) assert.ok(html.includes(`<h2 id="${id}">`), id);
      const md = renderWeek(weekFixture(), 'md');
      const sections = { projects: 'Projects', tasks: 'Tasks', outcomes: 'Outcomes', models: 'Model mix', 'no-outcome': 'Spend with no outcome' };
      for (const [id, title] of Object.entries(sections)) {
        const markdownRows = markdownSection(md, title).slice(2).map((l) => markdownCells(l).map(unescapeMarkdown));
        assert.deepEqual(htmlTableCells(html, id), markdownRows, id);
      }
      assert.equal(htmlTableCells(html, 'tasks').length, 5);
      assert.ok(html.includes('billing, &quot;legacy&quot; api'));
      assert.ok(html.includes(UNICODE_PROJECT));
      assert.ok(html.includes('Render week export | CSV *and* &lt;b&gt;HTML&lt;/b&gt;'));
      assert.ok(!html.includes('<b>'));
      assert.match(html, /mystery-model-x: their cost is unknown \(not \$0\)/);
    });

    it('draws tokens and AWUs per day as a labelled inline SVG chart', () => {
      const svg = /<svg[\s\S]*?<\/svg>/.exec(html)![0];
      assert.match(svg, /role="img" aria-labelledby="day-chart-title day-chart-desc"/);
      assert.match(svg, /<title id="day-chart-title">Tokens and AWUs per day, week 2026-W48<\/title>/);
      assert.match(svg, /<desc id="day-chart-desc">Mon 23 Nov: 4,566,875 tokens, 3.5 AWU; Tue 24 Nov: 428,000 tokens, 1 AWU;/);
      assert.equal(svg.match(/<rect class="chart-bar" [^>]*><title>/g)!.length, 7);
      assert.equal(svg.match(/<circle class="chart-dot" [^>]*><title>/g)!.length, 7);
      assert.match(svg, /<polyline class="chart-line" points="[\d., ]+"\/>/);
      assert.match(svg, />Tokens<\/text>/);
      assert.match(svg, />AWU<\/text>/);
      for (const day of ['Mon 23', 'Sun 29']) assert.ok(svg.includes(`>${day}</text>`), day);
      assert.ok(svg.includes('>6M</text>'), 'token axis reaches past the busiest day');
      assert.ok(!/NaN|Infinity/.test(svg));
    });

    it('escapes text from the data', () => {
      const out = renderWeek(withTask(weekFixture(), 0, { project: '<script>alert(1)</script>', branch: '"><img src=x onerror=alert(1)>' }), 'html');
      assert.ok(!out.includes('<script>alert(1)</script>'));
      assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(!out.includes('<img'));
    });

    it('says no activity for an empty week, with no chart and no tables', () => {
      const out = renderWeek(emptyWeekFixture(), 'html');
      assert.match(out, /<p class="empty">No activity in week 2026-W52/);
      assert.ok(!out.includes('<svg'));
      assert.ok(!out.includes('<table'));
    });
  });
});

describe('merged PRs and the commits they brought in, in the weekly summary', () => {
  /** The week with PR #12 (split between a Claude task and a token-free one) and its commits, as the summary builder makes the rows. */
  function withPr(includesSubjects = true): WeekSummary {
    const base = weekFixture();
    return { ...base, includesSubjects, outcomes: [...base.outcomes, ...prOutcomes().map((o) => outcomeRow(o, includesSubjects))] };
  }
  const subjects = [...PR_COMMITS.map((c) => c.subject), 'Parser header (#12)'];
  const commitsCell = 'a1b2c3d: claude session a1b2c3d4; b2c3d4e: claude session a1b2c3d4; e4f5a6b: by hand (no agent session)';

  it('rows name the PR a commit landed through, and list a PR\'s commits with the task that made each', () => {
    const [viaPr, , , agentShare] = prOutcomes().map((o) => outcomeRow(o));
    assert.equal(viaPr!.viaPr, '#12');
    assert.equal(viaPr!.zeroReason, 'via-pr');
    assert.equal(viaPr!.prCommits, undefined);
    assert.deepEqual(agentShare!.prCommits, PR_COMMITS);
    assert.equal(agentShare!.awu, 1.333);
    const hidden = outcomeRow(prOutcomes()[3]!, false);
    assert.deepEqual(hidden.prCommits, PR_COMMITS.map(({ subject: _s, ...c }) => c));
    assert.equal(hidden.subject, undefined);
    // A PR with no number is named by its commit; an outcome with no PR has neither key.
    assert.equal(outcomeRow({ ...prOutcomes()[0]!, viaPr: { ref: 'f00d012' } }).viaPr, 'f00d012');
    const plain = Object.keys(outcomeRow({ ...prOutcomes()[0]!, viaPr: undefined, zeroReason: undefined, awu: 1 }));
    assert.deepEqual(plain, ['kind', 'ref', 'at', 'awu', 'evidence', 'subject', 'project', 'taskId']);
  });

  it('Markdown and HTML: a commit landed via the PR earns "0 (landed via PR #12)"; the PR lists its commits and who made them', () => {
    const md = renderWeek(withPr(), 'md');
    const outcomes = markdownSection(md, 'Outcomes');
    assert.deepEqual(markdownCells(outcomes[0]!), ['When', 'Outcome', 'Ref', 'Project', 'AWU', 'Subject', 'Linked', 'PR commits']);
    const rows = outcomes.slice(2).map((l) => markdownCells(l).map(unescapeMarkdown));
    const pr = rows.slice(9);
    assert.deepEqual(pr.map((r) => [r[2], r[4], r[7]]), [
      ['a1b2c3d', '0 (landed via PR #12)', '—'],
      ['b2c3d4e', '0 (landed via PR #12)', '—'],
      ['e4f5a6b', '0 (landed via PR #12)', '—'],
      ['f00d012', '1.33', commitsCell],
      ['f00d012', '0.67', commitsCell],
    ]);
    assert.deepEqual(pr.slice(3).map((r) => r[6]), ['squash of feat-x: 2 of 3 commits by claude session a1b2c3d4', 'squash of feat-x: 1 of 3 commits by hand (no agent session)']);
    assert.ok(rows.slice(0, 9).every((r) => r[7] === '—' && r.length === 8), 'other outcomes get an empty PR commits cell');
    assert.deepEqual(htmlTableCells(renderWeek(withPr(), 'html'), 'outcomes'), rows);
    assert.doesNotMatch(md, /via-pr/);
  });

  it('prints no commit subject of the PR or its commits under --no-subjects, in any format', () => {
    for (const summary of [withPr(false), { ...withPr(true), includesSubjects: false }]) {
      for (const format of ['md', 'html', 'json', 'csv'] as const) {
        const out = renderWeek(summary, format);
        for (const subject of subjects) assert.ok(!out.includes(subject), `${format}: ${subject}`);
      }
      const md = renderWeek(summary, 'md');
      assert.ok(markdownSection(md, 'Outcomes').some((l) => markdownCells(l).map(unescapeMarkdown).includes(commitsCell)), 'the commits and their tasks stay');
      const json = weekSummarySchema.parse(JSON.parse(renderWeek(summary, 'json')));
      assert.deepEqual(json.outcomes.at(-1)!.prCommits, PR_COMMITS.map(({ subject: _s, ...c }) => c));
    }
  });

  it('JSON carries viaPr and prCommits through the schema; CSV stays one row per task', () => {
    const summary = withPr();
    const json = JSON.parse(renderWeek(summary, 'json')) as WeekSummary;
    assert.deepEqual(json, summary);
    const pr = json.outcomes.filter((o) => o.kind === 'pr.merged' && o.ref === 'f00d012');
    assert.deepEqual(pr.map((o) => [o.taskId, o.awu]), [[AGENT_TASK, 1.333], [HAND_TASK, 0.667]]);
    assert.deepEqual(pr[0]!.prCommits, PR_COMMITS);
    assert.deepEqual(json.outcomes.filter((o) => o.viaPr).map((o) => [o.ref, o.viaPr]), [['a1b2c3d', '#12'], ['b2c3d4e', '#12'], ['e4f5a6b', '#12']]);
    assert.equal(weekSummarySchema.safeParse({ ...summary, outcomes: [{ ...summary.outcomes.at(-1)!, prCommits: [{ ref: 'a1b2c3d', taskId: AGENT_TASK }] }] }).success, false, 'a PR commit needs who made it');
    assert.equal(renderWeek(summary, 'csv'), renderWeek(weekFixture(), 'csv'));
  });
});

describe('approximate sources in the weekly summary', () => {
  it('flags them in every format: a Markdown and HTML section, a CSV column, the JSON list', () => {
    const base = weekFixture();
    const task = { ...base.tasks[0]!, id: 'aider:chat-1', source: 'aider', sessionId: 'chat-1' };
    const summary: WeekSummary = { ...base, tasks: [...base.tasks, task], approximateSources: [{ source: 'aider', note: 'token counts rounded to hundreds in the chat history' }] };
    const md = renderWeek(summary, 'md');
    assert.match(md, /## Approximate sources\n\n- aider \(approximate\): token counts rounded to hundreds in the chat history/);
    assert.match(renderWeek(summary, 'html'), /<h2>Approximate sources<\/h2>\n<ul class="note"><li>aider \(approximate\): token counts rounded/);
    const rows = csvRecords(renderWeek(summary, 'csv'));
    assert.deepEqual(rows.map((r) => r.approximate), [...base.tasks.map(() => ''), 'yes']);
    assert.deepEqual(weekSummarySchema.parse(JSON.parse(renderWeek(summary, 'json'))).approximateSources, summary.approximateSources);
    assert.doesNotMatch(renderWeek(base, 'md'), /Approximate sources/);
  });
});

describe('weekly summary built from agent logs and a git repository', () => {
  it('counts the week\'s tokens, cost and AWUs exactly, and the change against the week before', async () => {
    const repo = GitRepo.init();
    // The week before (2026-W09): on Friday 2026-02-27 a session (1,000 in, 500 out) commits through its Bash tool.
    const before = new ClaudeSession('0b0b0b0b-0000-4000-8000-000000000009', repo.dir).usage(-71 * 60, 500);
    repo.commit('initial', { at: min(-71 * 60 + 5), files: { 'a.txt': 'a\n' } });
    before.bash(-71 * 60 + 4.8, 'git add -A && git commit -m initial', 0, 0.3);
    // This week (2026-W10, Monday 2026-03-02): a session (1,000 in, 2,000 out) edits, runs the tests green
    // and commits; a Codex session elsewhere spends with no outcome; a commit by hand hours later is token-free.
    const worker = new ClaudeSession('0c0c0c0c-0000-4000-8000-000000000010', repo.dir).usage(60, 2000).edit(62).bash(64, 'npm test', 0);
    repo.commit('feat: parser', { at: min(70), files: { 'b.txt': 'b\n' } });
    worker.bash(69.8, 'git add -A && git commit -m "feat: parser"', 0, 0.3);
    const codexHome = tempDir();
    const codexId = '019d0000-0000-7000-8000-0000000000aa';
    const at = new Date(min(300)).toISOString();
    writeLines(join(codexHome, 'sessions', '2026', '03', '02', `rollout-2026-03-02T14-00-00-${codexId}.jsonl`), [
      sessionMeta({ id: codexId, cwd: '/home/dev/api', timestamp: at }),
      turnContext(at, 'gpt-5'),
      tokenCount(at, { input: 20_000, cached: 15_000, output: 3_000, reasoning: 1_000 }),
    ]);
    repo.commit('docs: by hand', { at: min(600), files: { 'c.txt': 'c\n' } });
    const claudeRoot = tempDir();
    before.write(claudeRoot);
    worker.write(claudeRoot);
    const { store } = await scan({ claude: claudeRoot, codex: codexHome, cache: tempDir() }, { toolRuns: true });

    const summary = weekSummarySchema.parse(
      await buildWeekSummary(store, { sources: ['claude', 'codex'], pricer: new Pricer(), calendar: new ZoneCalendar('UTC'), weekStartsOn: 1, week: '2026-W10', includeSubjects: true, now: min(24 * 60) }),
    );

    // Prices: claude-sonnet-4-5 $3 / $15, gpt-5 $1.25 / $0.125 (cached input) / $10 per million tokens.
    const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
    const sonnet = (input: number, output: number): number => (input * 3 + output * 15) / 1e6;
    // Every tool call line carries 2 input tokens; a Bash call 40 output tokens, an edit 60.
    const workerTokens = { input: 1000 + 2 + 2 + 2, output: 2000 + 60 + 40 + 40 };
    const codexTokens = { input: 20_000 - 15_000, cacheRead: 15_000, output: 3_000 };
    const beforeTokens = { input: 1000 + 2, output: 500 + 40 };
    const codexCost = (codexTokens.input * 1.25 + codexTokens.cacheRead * 0.125 + codexTokens.output * 10) / 1e6;
    const week = {
      tokens: workerTokens.input + workerTokens.output + codexTokens.input + codexTokens.cacheRead + codexTokens.output,
      costUSD: round(sonnet(workerTokens.input, workerTokens.output) + codexCost, 6),
      // The green run after an edit (0.5), the session's commit (1), the commit by hand (1, token-free).
      awu: 0.5 + 1 + 1,
    };
    const previous = { tokens: beforeTokens.input + beforeTokens.output, costUSD: round(sonnet(beforeTokens.input, beforeTokens.output), 6), awu: 1 };
    assert.deepEqual([week.tokens, previous.tokens], [26_146, 1_542]);

    assert.equal(summary.week, '2026-W10');
    assert.deepEqual([summary.start, summary.end], ['2026-03-02', '2026-03-08']);
    assert.deepEqual(summary.totals, {
      tokens: week.tokens,
      costUSD: week.costUSD,
      awu: week.awu,
      tokensPerAwu: round(week.tokens / week.awu, 1),
      costPerAwu: round(week.costUSD / week.awu, 6),
      tokenFreeShare: round(1 / week.awu, 4),
      tasks: 3,
      outcomes: 3,
    });
    assert.deepEqual(summary.previous, {
      tokens: previous.tokens,
      costUSD: previous.costUSD,
      awu: previous.awu,
      tokensPerAwu: previous.tokens / previous.awu,
      costPerAwu: previous.costUSD / previous.awu,
      tokenFreeShare: 0,
      tasks: 1,
      outcomes: 1,
    });
    // Week on week: the relative change, to 4 digits.
    const change = (now: number, then: number): number => round((now - then) / then, 4);
    assert.deepEqual(summary.change, {
      tokens: change(week.tokens, previous.tokens),
      costUSD: change(week.costUSD, previous.costUSD),
      awu: 1.5,
      tokensPerAwu: change(round(week.tokens / week.awu, 1), previous.tokens / previous.awu),
    });
    assert.deepEqual(
      summary.tasks.map((t) => [t.source, t.tokens.total, t.costUSD, t.awu]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      [
        ['claude', workerTokens.input + workerTokens.output, round(sonnet(workerTokens.input, workerTokens.output), 6), 1.5],
        ['codex', codexTokens.input + codexTokens.cacheRead + codexTokens.output, round(codexCost, 6), 0],
        ['token-free', 0, 0, 1],
      ],
    );
    assert.deepEqual(summary.outcomes.map((o) => [o.kind, o.subject ?? o.ref, o.awu]), [
      ['tests.passed', 'npm test', 0.5],
      ['commit.landed', 'feat: parser', 1],
      ['commit.landed', 'docs: by hand', 1],
    ]);
    assert.deepEqual(summary.days[0], { date: '2026-03-02', tokens: week.tokens, costUSD: week.costUSD, awu: week.awu });
    assert.ok(summary.days.slice(1).every((d) => d.tokens === 0 && d.awu === 0), JSON.stringify(summary.days));
    assert.deepEqual(
      summary.models.map((m) => [m.model, m.tokens, m.costUSD]),
      [
        ['gpt-5', 23_000, round(codexCost, 6)],
        ['claude-sonnet-4-5-20250929', workerTokens.input + workerTokens.output, round(sonnet(workerTokens.input, workerTokens.output), 6)],
      ],
    );
  });
});
