import { strict as assert } from 'node:assert';
import builtinJson from '../../src/core/pricing/prices.builtin.json';
import generatedJson from '../../src/core/pricing/prices.generated.json';
import { priceTableSchema } from '../../src/core/pricing/priceTable';
import { type PricedUsage, Pricer } from '../../src/core/pricing/pricing';

const none: PricedUsage = { input: 0, output: 0, cacheCreation: 0, cacheCreation1h: 0, cacheRead: 0 };

function usage(u: Partial<PricedUsage>): PricedUsage {
  return { ...none, ...u };
}

function near(actual: number | undefined, expected: number, tolerance = 1e-12): void {
  assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
  assert.ok(Math.abs(actual - expected) <= tolerance, `expected ${expected}, got ${actual}`);
}

function keyOf(pricer: Pricer, model: string): string | undefined {
  return pricer.resolve(model)?.key;
}

describe('pricing', () => {
  describe('bundled tables', () => {
    it('validate against the table schema and carry a snapshot stamp', () => {
      const generated = priceTableSchema.parse(generatedJson);
      priceTableSchema.parse(builtinJson);
      assert.match(generated.snapshot, /\S/);
      assert.ok(Object.keys(generated.models).length > 50);
      assert.equal(new Pricer().snapshot, generated.snapshot);
    });

    it('price every model agents commonly log', () => {
      const pricer = new Pricer();
      const models = [
        'claude-opus-4-5', 'claude-opus-4-1', 'claude-opus-4-20250514', 'claude-sonnet-4-5-20250929',
        'claude-sonnet-4-20250514', 'claude-3-5-haiku-20241022', 'claude-haiku-4-5-20251001', 'claude-sonnet-4-6',
        'gpt-5', 'gpt-5-codex', 'gpt-5.1-codex', 'gpt-5.2', 'gpt-4.1', 'o3', 'gemini-2.5-pro', 'gemini-2.5-flash',
        'claude-opus-4-6', 'gpt-5.4', 'gpt-5.5',
      ];
      for (const model of models) assert.ok(pricer.resolve(model), `${model} has no price`);
      assert.deepEqual(pricer.unknownModels(), []);
    });
  });

  describe('model lookup', () => {
    const pricer = new Pricer();

    it('matches table keys exactly', () => {
      assert.equal(keyOf(pricer, 'claude-sonnet-4-5-20250929'), 'claude-sonnet-4-5-20250929');
      assert.equal(keyOf(pricer, 'gpt-5.1-codex'), 'gpt-5.1-codex');
      assert.equal(pricer.resolve('gpt-5')?.source, 'litellm');
    });

    it('falls back from a dated name to the undated key', () => {
      assert.equal(keyOf(pricer, 'claude-3-5-haiku-20241022'), 'claude-3-5-haiku');
      assert.equal(pricer.resolve('claude-3-5-haiku-20241022')?.source, 'builtin');
      assert.equal(keyOf(pricer, 'claude-opus-4-6-20991231'), 'claude-opus-4-6');
    });

    it('tries and strips provider prefixes', () => {
      assert.equal(keyOf(pricer, 'anthropic/claude-opus-4-5'), 'claude-opus-4-5');
      assert.equal(keyOf(pricer, 'openrouter/openai/gpt-5.2'), 'gpt-5.2');
      assert.equal(keyOf(pricer, 'grok-code-fast-1'), 'xai/grok-code-fast-1');
    });

    it('normalises dots, @, -fast and Bedrock ids', () => {
      assert.equal(keyOf(pricer, 'claude-sonnet-4.5'), 'claude-sonnet-4-5');
      assert.equal(keyOf(pricer, 'claude-sonnet-4-5@20250929'), 'claude-sonnet-4-5-20250929');
      assert.equal(keyOf(pricer, 'claude-opus-4-6-fast'), 'claude-opus-4-6');
      assert.equal(keyOf(pricer, 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'), 'claude-sonnet-4-5-20250929');
    });

    it('fuzzy-matches the longest key at word boundaries, never across a version digit', () => {
      assert.equal(keyOf(pricer, 'claude-opus-4-5-thinking'), 'claude-opus-4-5');
      assert.equal(keyOf(pricer, 'gpt-5.3-codex-spark'), 'gpt-5.3-codex');
      assert.equal(keyOf(pricer, 'gpt-50'), undefined);
      assert.equal(keyOf(pricer, 'claude-opus-4-9'), undefined);
    });

    it('returns undefined for an unknown model and lists it once', () => {
      const p = new Pricer();
      assert.equal(p.cost('totally-new-model', usage({ input: 100, output: 10 })), undefined);
      assert.equal(p.cost('totally-new-model', usage({ input: 1 })), undefined);
      p.cost('gpt-5', usage({ input: 1 }));
      assert.deepEqual(p.unknownModels(), ['totally-new-model']);
    });

    it('caches the resolution per model name', () => {
      const p = new Pricer();
      const first = p.resolve('claude-opus-4-5-thinking');
      assert.ok(first);
      assert.equal(p.resolve('claude-opus-4-5-thinking'), first);
    });
  });

  describe('request cost', () => {
    const pricer = new Pricer();

    it('prices 5-minute and 1-hour cache writes separately', () => {
      // claude-opus-4-5: 5m writes $6.25/MTok, 1h writes $10/MTok
      near(pricer.cost('claude-opus-4-5', usage({ cacheCreation: 1000, cacheCreation1h: 300 })), 700 * 6.25e-6 + 300 * 10e-6);
    });

    it('defaults cache writes to 1.25 × / 2 × input and cache reads to 0.1 × input', () => {
      const p = new Pricer({ overrides: { 'house-model': { input: 10, output: 20 } } });
      near(p.cost('house-model', usage({ cacheCreation: 100, cacheCreation1h: 40, cacheRead: 1000 })), 60 * 12.5e-6 + 40 * 20e-6 + 1000 * 1e-6);
    });

    it('applies the long-context tier per request, to every token class', () => {
      // claude-sonnet-4-5 above 200k: input $6, output $22.5, 5m write $7.5, 1h write $12, read $0.6 per MTok
      const long = usage({ input: 60_000, cacheRead: 150_000, cacheCreation: 1000, cacheCreation1h: 200, output: 500 });
      near(pricer.cost('claude-sonnet-4-5', long), 60_000 * 6e-6 + 500 * 22.5e-6 + 800 * 7.5e-6 + 200 * 12e-6 + 150_000 * 0.6e-6);
      const short = usage({ input: 49_999, cacheRead: 150_000, output: 500 });
      near(pricer.cost('claude-sonnet-4-5', short), 49_999 * 3e-6 + 500 * 15e-6 + 150_000 * 0.3e-6);
    });

    it('falls back to the base rate for a class without an above-tier rate', () => {
      const p = new Pricer({ overrides: { tiered: { input: 1, output: 2, cacheRead: 0.1, inputAbove: 4, tierThreshold: 1000 } } });
      near(p.cost('tiered', usage({ input: 600, cacheRead: 500, output: 10 })), 600 * 4e-6 + 10 * 2e-6 + 500 * 0.1e-6);
    });

    it('multiplies fast-mode requests by the LiteLLM fast multiplier, 1 when there is none', () => {
      const u = usage({ input: 1000, output: 1000 });
      const standard = pricer.cost('claude-opus-4-6', u)!;
      near(pricer.cost('claude-opus-4-6', { ...u, speed: 'fast' }), standard * 6);
      near(pricer.cost('claude-opus-4-5', { ...u, speed: 'fast' }), pricer.cost('claude-opus-4-5', u)!);
    });

    it('lets overrides win over the bundled table, including for dated names', () => {
      const p = new Pricer({ overrides: { 'claude-sonnet-4-5': { input: 1, output: 2, cacheRead: 0.5 } } });
      assert.equal(p.resolve('claude-sonnet-4-5-20250929')?.source, 'override');
      near(p.cost('claude-sonnet-4-5-20250929', usage({ input: 1000, output: 100, cacheRead: 2000 })), 1000 * 1e-6 + 100 * 2e-6 + 2000 * 0.5e-6);
      assert.equal(p.resolve('gpt-5')?.source, 'litellm');
    });

    it('rejects malformed overrides', () => {
      assert.throws(() => new Pricer({ overrides: { bad: { input: -1, output: 2 } } }));
    });

    it('reproduces the worked example: claude-sonnet-4-6 = 0.029238 USD', () => {
      const u = usage({ input: 6, output: 202, cacheCreation: 1400, cacheCreation1h: 1000, cacheRead: 62_300 });
      near(pricer.cost('claude-sonnet-4-6', u), 0.029238);
    });
  });
});
