import { describe, expect, it } from 'vitest';
import { patternIds, patterns, questions } from '../../src/decide/matrix.js';
import { defaultAnswers, recommend, type Answers } from '../../src/decide/recommend.js';

const base: Answers = {
  teamSize: 'small',
  domainClarity: 'emerging',
  scaling: 'some',
  readWrite: 'balanced',
  workflows: 'none',
  consistency: 'mixed',
  opsMaturity: 'medium',
  timeToMarket: 'normal',
};

// Each row of the guide's decision matrix, as the answers of a team in that situation.
const rows: { row: string; answers: Partial<Answers>; pattern: string; base: string }[] = [
  {
    row: 'monolith: small team, early stage, unclear domain',
    answers: { teamSize: 'solo', domainClarity: 'unclear', scaling: 'no', consistency: 'acid', opsMaturity: 'low', timeToMarket: 'urgent' },
    pattern: 'monolith',
    base: 'monolith',
  },
  {
    row: 'microservices: large teams, clear domain, independent scaling',
    answers: { teamSize: 'many', domainClarity: 'clear', scaling: 'critical', opsMaturity: 'high', timeToMarket: 'long' },
    pattern: 'microservices',
    base: 'microservices',
  },
  {
    row: 'event-driven: asynchronous workflows',
    answers: { workflows: 'core', consistency: 'eventual' },
    pattern: 'event-driven',
    base: 'microservices',
  },
  {
    row: 'CQRS: read and write patterns differ',
    answers: { readWrite: 'divergent', consistency: 'eventual' },
    pattern: 'cqrs',
    base: 'microservices',
  },
];

describe('recommend', () => {
  it.each(rows)('$row', ({ answers, pattern, base: expectedBase }) => {
    const result = recommend({ ...base, ...answers } as Answers);
    expect(result.pattern).toBe(pattern);
    expect(result.ranking[0]!.pattern).toBe(pattern);
    expect(result.base).toBe(expectedBase);
  });

  it('ranks all four patterns with scores between 0 and 100, best first', () => {
    const { ranking } = recommend(base);
    expect(ranking.map((r) => r.pattern).sort()).toEqual([...patternIds].sort());
    for (const r of ranking) expect(r.score).toBeGreaterThanOrEqual(0);
    for (const r of ranking) expect(r.score).toBeLessThanOrEqual(100);
    expect(ranking.map((r) => r.score)).toEqual([...ranking.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('combines microservices with event-driven and CQRS when every answer points there', () => {
    const result = recommend({
      teamSize: 'many',
      domainClarity: 'clear',
      scaling: 'critical',
      readWrite: 'divergent',
      workflows: 'core',
      consistency: 'eventual',
      opsMaturity: 'high',
      timeToMarket: 'long',
    });
    expect(result.base).toBe('microservices');
    expect(result.styles).toEqual(['event-driven', 'cqrs']);
  });

  it('explains itself: reasons argue for the pattern, strongest first, and the rest argue against', () => {
    const result = recommend({ ...base, teamSize: 'solo', timeToMarket: 'urgent', workflows: 'core' });
    expect(result.reasons.length).toBeGreaterThan(0);
    expect(result.reasons.every((r) => r.weight > 0)).toBe(true);
    expect(result.reasons.map((r) => r.weight)).toEqual([...result.reasons.map((r) => r.weight)].sort((a, b) => b - a));
    expect(result.against.every((r) => r.weight < 0)).toBe(true);
  });

  it('the documented defaults (--yes) recommend the guide\'s starting point, a monolith', () => {
    expect(recommend(defaultAnswers()).pattern).toBe('monolith');
  });

  it('every question has its default among its choices and a flag named after its id', () => {
    for (const q of questions) {
      expect(q.choices.map((c) => c.value)).toContain(q.defaultValue);
      const camel = q.flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      expect(camel).toBe(q.id);
    }
  });

  it('every text of the matrix exists in English and Korean', () => {
    const texts = [
      ...patterns.flatMap((p) => [p.title, p.useWhen, ...p.benefits, ...p.costs]),
      ...questions.flatMap((q) => [q.prompt, ...q.choices.flatMap((c) => [c.label, c.because])]),
    ];
    for (const t of texts) {
      expect(t.en.length).toBeGreaterThan(0);
      expect(t.ko).toMatch(/[\uac00-\ud7a3]|CQRS/);
    }
  });
});
