/**
 * The architecture decision matrix of the guide, as data. The questions, the
 * command-line flags, the answers schema, the scoring and the help text are
 * all read from here, so the interactive and the non-interactive paths cannot
 * drift apart.
 */
import type { Text } from '../i18n/text.js';

export const patternIds = ['monolith', 'microservices', 'event-driven', 'cqrs'] as const;
export type PatternId = (typeof patternIds)[number];

export interface Pattern {
  id: PatternId;
  title: Text;
  /** The guide's "use when" column. */
  useWhen: Text;
  complexity: 'low' | 'medium' | 'high';
  benefits: Text[];
  /** The costs a team accepts by choosing the pattern (the guide's drawbacks). */
  costs: Text[];
}

export const patterns: readonly Pattern[] = [
  {
    id: 'monolith',
    title: { en: 'Modular monolith', ko: '모놀리스' },
    useWhen: {
      en: 'small team, early stage or MVP, domain boundaries still unclear',
      ko: '스타트업, MVP, 소규모 팀, 도메인 경계가 불명확할 때',
    },
    complexity: 'low',
    benefits: [
      { en: 'simple to develop and deploy', ko: '개발 및 배포 단순성' },
      { en: 'easy local testing', ko: '로컬 테스트 용이' },
      { en: 'one codebase', ko: '코드베이스 통합' },
      { en: 'strong consistency (ACID transactions)', ko: '강력한 일관성 (ACID 트랜잭션)' },
    ],
    costs: [
      { en: 'tight coupling', ko: '강한 결합도' },
      { en: 'scaling means scaling the whole application', ko: '확장성의 한계 (전체 스케일링 필요)' },
      { en: 'deploy risk: one bug affects everything', ko: '배포 리스크 (하나의 버그가 전체 영향)' },
      { en: 'locked into one technology stack', ko: '기술 스택 종속' },
    ],
  },
  {
    id: 'microservices',
    title: { en: 'Microservices', ko: '마이크로서비스' },
    useWhen: {
      en: 'large teams, clear domain boundaries, independent scaling and deploys needed',
      ko: '대규모 팀, 명확한 도메인 경계, 독립적 확장이 필요할 때',
    },
    complexity: 'high',
    benefits: [
      { en: 'independent deploys', ko: '독립적 배포 가능' },
      { en: 'technology flexibility (polyglot)', ko: '기술 스택 유연성 (Polyglot)' },
      { en: 'fault isolation', ko: '장애 격리 (Fault isolation)' },
      { en: 'each service scales on its own', ko: '개별 서비스 확장 용이' },
    ],
    costs: [
      { en: 'deployment and operational complexity', ko: '배포 및 운영 복잡성' },
      {
        en: 'distributed-systems problems: network latency and partial failure',
        ko: '분산 시스템의 난제 (네트워크 지연, 부분 실패)',
      },
      { en: 'eventual consistency between services', ko: '데이터 일관성 (결과적 일관성)' },
    ],
  },
  {
    id: 'event-driven',
    title: { en: 'Event-driven', ko: '이벤트 기반' },
    useWhen: { en: 'asynchronous, long-running workflows', ko: '비동기 워크플로우' },
    complexity: 'medium',
    benefits: [
      { en: 'low coupling between producers and consumers', ko: '결합도 감소' },
      { en: 'scalability', ko: '확장성' },
      {
        en: 'with event sourcing: a full audit trail and time-travel queries',
        ko: '이벤트 소싱: 완벽한 감사 추적, 시점 조회',
      },
    ],
    costs: [
      { en: 'a message broker to run and monitor', ko: '메시지 브로커 운영 및 모니터링' },
      { en: 'eventual consistency and harder debugging of flows', ko: '결과적 일관성, 흐름 디버깅의 어려움' },
      {
        en: 'distributed transactions need sagas with compensating transactions',
        ko: '분산 트랜잭션에 보상 트랜잭션을 갖춘 Saga 필요',
      },
    ],
  },
  {
    id: 'cqrs',
    title: { en: 'CQRS', ko: 'CQRS' },
    useWhen: { en: 'read and write patterns differ', ko: '읽기/쓰기 패턴 상이' },
    complexity: 'high',
    benefits: [
      {
        en: 'reads and writes optimised and scaled separately',
        ko: '읽기/쓰기 부하에 따른 개별 최적화 및 확장',
      },
      { en: 'simpler query models (no complex joins)', ko: '단순화된 쿼리 모델 (복잡한 조인 제거)' },
    ],
    costs: [
      { en: 'two models to keep in sync', ko: '두 모델의 동기화 유지' },
      { en: 'read models lag behind writes (eventual consistency)', ko: '읽기 모델의 지연 (결과적 일관성)' },
      { en: 'high complexity', ko: '높은 복잡도' },
    ],
  },
];

/** How much one answer argues for (+) or against (-) each pattern. */
export type Weights = Record<PatternId, number>;

export interface Choice {
  value: string;
  label: Text;
  weights: Weights;
  /** Why this answer moves the recommendation, in the guide's terms. */
  because: Text;
}

export interface Question {
  id: string;
  /** The command-line flag that answers this question non-interactively. */
  flag: string;
  prompt: Text;
  choices: Choice[];
  /** The documented answer taken by --yes. */
  defaultValue: string;
}

const w = (monolith: number, microservices: number, eventDriven: number, cqrs: number): Weights => ({
  monolith,
  microservices,
  'event-driven': eventDriven,
  cqrs,
});

export const questions: readonly Question[] = [
  {
    id: 'teamSize',
    flag: '--team-size',
    prompt: { en: 'How many engineers will work on the system?', ko: '시스템을 개발할 엔지니어는 몇 명입니까?' },
    defaultValue: 'small',
    choices: [
      {
        value: 'solo',
        label: { en: '1-3 engineers', ko: '1-3명' },
        weights: w(3, -3, 0, -1),
        because: { en: 'a very small team gains most from one codebase', ko: '아주 작은 팀은 단일 코드베이스의 이점이 가장 큼' },
      },
      {
        value: 'small',
        label: { en: 'one team (4-10)', ko: '한 팀 (4-10명)' },
        weights: w(2, -1, 0, 0),
        because: { en: 'one team can share one codebase without stepping on each other', ko: '한 팀은 하나의 코드베이스를 공유할 수 있음' },
      },
      {
        value: 'several',
        label: { en: 'several teams (10-30)', ko: '여러 팀 (10-30명)' },
        weights: w(0, 2, 1, 0),
        because: { en: 'several teams start to need independent deploys', ko: '여러 팀은 독립적 배포가 필요해짐' },
      },
      {
        value: 'many',
        label: { en: 'many teams (30+)', ko: '많은 팀 (30명 이상)' },
        weights: w(-2, 3, 1, 0),
        because: { en: 'large teams are where the guide uses microservices', ko: '가이드는 대규모 팀에 마이크로서비스를 권장' },
      },
    ],
  },
  {
    id: 'domainClarity',
    flag: '--domain-clarity',
    prompt: { en: 'How clear are the domain boundaries?', ko: '도메인 경계가 얼마나 명확합니까?' },
    defaultValue: 'unclear',
    choices: [
      {
        value: 'unclear',
        label: { en: 'unclear: still discovering the domain', ko: '불명확: 아직 도메인을 탐색 중' },
        weights: w(3, -3, 0, -1),
        because: { en: 'unclear boundaries are cheap to move inside one codebase and costly across services', ko: '불명확한 경계는 단일 코드베이스 안에서 옮기기 쉬움' },
      },
      {
        value: 'emerging',
        label: { en: 'emerging: some modules are stable', ko: '형성 중: 일부 모듈은 안정적' },
        weights: w(1, 0, 0, 0),
        because: { en: 'stable modules can be split out later (strangler fig)', ko: '안정된 모듈은 나중에 분리할 수 있음' },
      },
      {
        value: 'clear',
        label: { en: 'clear: bounded contexts are known (DDD)', ko: '명확: 경계 컨텍스트가 정의됨 (DDD)' },
        weights: w(-1, 3, 1, 1),
        because: { en: 'clear domain boundaries are a precondition for microservices', ko: '명확한 도메인 경계는 마이크로서비스의 전제 조건' },
      },
    ],
  },
  {
    id: 'scaling',
    flag: '--scaling',
    prompt: { en: 'Do parts of the system need to be deployed and scaled independently?', ko: '시스템의 일부를 독립적으로 배포하고 확장해야 합니까?' },
    defaultValue: 'no',
    choices: [
      {
        value: 'no',
        label: { en: 'no: the whole system scales together', ko: '아니오: 전체를 함께 확장' },
        weights: w(2, -2, 0, 0),
        because: { en: 'scaling the whole application is enough', ko: '전체 애플리케이션 확장으로 충분' },
      },
      {
        value: 'some',
        label: { en: 'some parts have different load', ko: '일부는 부하가 다름' },
        weights: w(0, 1, 1, 1),
        because: { en: 'parts with different load benefit from scaling on their own', ko: '부하가 다른 부분은 개별 확장이 유리' },
      },
      {
        value: 'critical',
        label: { en: 'yes: independent deploys and scaling are critical', ko: '예: 독립 배포와 확장이 필수' },
        weights: w(-2, 3, 1, 1),
        because: { en: 'independent deploys and scaling are the main benefit of microservices', ko: '독립 배포와 개별 확장은 마이크로서비스의 핵심 이점' },
      },
    ],
  },
  {
    id: 'readWrite',
    flag: '--read-write',
    prompt: { en: 'How do reads and writes compare?', ko: '읽기와 쓰기 패턴은 어떻게 다릅니까?' },
    defaultValue: 'balanced',
    choices: [
      {
        value: 'balanced',
        label: { en: 'similar: one model serves both', ko: '비슷함: 하나의 모델로 충분' },
        weights: w(1, 0, 0, -3),
        because: { en: 'one model serves reads and writes well', ko: '하나의 모델이 읽기와 쓰기를 모두 잘 처리' },
      },
      {
        value: 'read-heavy',
        label: { en: 'read-heavy, same shape', ko: '읽기 위주, 같은 형태' },
        weights: w(0, 0, 0, 2),
        because: { en: 'heavy reads can be scaled apart from writes', ko: '많은 읽기는 쓰기와 분리해 확장 가능' },
      },
      {
        value: 'divergent',
        label: { en: 'different: reads need other shapes, load or storage than writes', ko: '상이함: 읽기와 쓰기의 형태·부하·저장소가 다름' },
        weights: w(-1, 1, 1, 5),
        because: { en: 'read and write patterns that differ are where the guide uses CQRS', ko: '가이드는 읽기/쓰기 패턴이 다를 때 CQRS를 권장' },
      },
    ],
  },
  {
    id: 'workflows',
    flag: '--workflows',
    prompt: { en: 'Are there long-running or asynchronous workflows?', ko: '장기 실행 또는 비동기 워크플로우가 있습니까?' },
    defaultValue: 'none',
    choices: [
      {
        value: 'none',
        label: { en: 'no: request/response is enough', ko: '아니오: 요청/응답으로 충분' },
        weights: w(1, 0, -3, 0),
        because: { en: 'request/response needs no broker', ko: '요청/응답에는 브로커가 필요 없음' },
      },
      {
        value: 'some',
        label: { en: 'some background jobs or notifications', ko: '일부 백그라운드 작업이나 알림' },
        weights: w(0, 1, 2, 0),
        because: { en: 'background work is decoupled best through events', ko: '백그라운드 작업은 이벤트로 분리하는 것이 좋음' },
      },
      {
        value: 'core',
        label: { en: 'yes: the business runs on multi-step asynchronous flows', ko: '예: 다단계 비동기 흐름이 핵심' },
        weights: w(-1, 1, 5, 1),
        because: { en: 'asynchronous workflows are where the guide uses event-driven architecture', ko: '가이드는 비동기 워크플로우에 이벤트 기반 아키텍처를 권장' },
      },
    ],
  },
  {
    id: 'consistency',
    flag: '--consistency',
    prompt: { en: 'What consistency does the business need?', ko: '비즈니스에 필요한 일관성 수준은?' },
    defaultValue: 'acid',
    choices: [
      {
        value: 'acid',
        label: { en: 'strong: ACID transactions across the data', ko: '강한 일관성: 전체 데이터에 ACID 트랜잭션' },
        weights: w(3, -2, -1, -1),
        because: { en: 'ACID across all data is the monolith\'s strength', ko: '전체 데이터의 ACID는 모놀리스의 강점' },
      },
      {
        value: 'mixed',
        label: { en: 'strong within a domain, eventual across domains', ko: '도메인 내 강한 일관성, 도메인 간 결과적 일관성' },
        weights: w(0, 1, 1, 1),
        because: { en: 'eventual consistency between domains allows a database per service', ko: '도메인 간 결과적 일관성이면 서비스별 DB가 가능' },
      },
      {
        value: 'eventual',
        label: { en: 'eventual consistency is acceptable', ko: '결과적 일관성 허용' },
        weights: w(-1, 2, 2, 2),
        because: { en: 'accepting eventual consistency unlocks async sync and read models', ko: '결과적 일관성을 허용하면 비동기 동기화와 읽기 모델이 가능' },
      },
    ],
  },
  {
    id: 'opsMaturity',
    flag: '--ops-maturity',
    prompt: { en: 'How mature are operations (CI/CD, containers, monitoring, on-call)?', ko: '운영 성숙도는 어느 정도입니까 (CI/CD, 컨테이너, 모니터링, 온콜)?' },
    defaultValue: 'low',
    choices: [
      {
        value: 'low',
        label: { en: 'low: manual deploys, little monitoring', ko: '낮음: 수동 배포, 모니터링 부족' },
        weights: w(3, -3, -1, -1),
        because: { en: 'without mature operations, distributed systems fail in production', ko: '운영 성숙도 없이 분산 시스템은 운영에서 실패함' },
      },
      {
        value: 'medium',
        label: { en: 'medium: CI/CD and basic monitoring', ko: '중간: CI/CD와 기본 모니터링' },
        weights: w(1, 0, 1, 0),
        because: { en: 'CI/CD and monitoring can carry a few moving parts', ko: 'CI/CD와 모니터링으로 몇 개의 구성 요소는 운영 가능' },
      },
      {
        value: 'high',
        label: { en: 'high: containers, orchestration, tracing, on-call', ko: '높음: 컨테이너, 오케스트레이션, 추적, 온콜' },
        weights: w(-1, 3, 1, 1),
        because: { en: 'mature operations absorb the operational complexity of many services', ko: '높은 운영 성숙도가 다수 서비스의 운영 복잡성을 감당' },
      },
    ],
  },
  {
    id: 'timeToMarket',
    flag: '--time-to-market',
    prompt: { en: 'How soon must the first version ship?', ko: '첫 버전은 언제까지 출시해야 합니까?' },
    defaultValue: 'urgent',
    choices: [
      {
        value: 'urgent',
        label: { en: 'weeks: an MVP', ko: '몇 주: MVP' },
        weights: w(3, -2, -1, -1),
        because: { en: 'an MVP ships fastest as one simple application', ko: 'MVP는 단순한 단일 애플리케이션이 가장 빠름' },
      },
      {
        value: 'normal',
        label: { en: 'months', ko: '몇 달' },
        weights: w(1, 0, 0, 0),
        because: { en: 'a few months leave room for some structure', ko: '몇 달이면 약간의 구조를 갖출 여유가 있음' },
      },
      {
        value: 'long',
        label: { en: 'a long-lived platform', ko: '장기 플랫폼' },
        weights: w(-1, 2, 1, 1),
        because: { en: 'a long-lived platform repays the up-front cost of independent services', ko: '장기 플랫폼은 독립 서비스의 초기 비용을 회수함' },
      },
    ],
  },
];

export type QuestionId = (typeof questions)[number]['id'];

export function findPattern(id: PatternId): Pattern {
  const pattern = patterns.find((p) => p.id === id);
  if (!pattern) throw new Error(`unknown pattern ${id}`);
  return pattern;
}
