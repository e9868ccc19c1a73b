/** The command-line tool's own words, in the guide's two languages. */
import type { Text } from './text.js';

export const messages = {
  recommendation: { en: 'Recommendation', ko: '추천' },
  combination: { en: 'Combination', ko: '조합' },
  scores: { en: 'Scores (0-100)', ko: '점수 (0-100)' },
  why: { en: 'Why', ko: '이유' },
  against: { en: 'What argues against it', ko: '반대 근거' },
  useWhen: { en: 'Use when', ko: '사용 시기' },
  complexity: { en: 'Complexity', ko: '복잡도' },
  benefits: { en: 'Benefits', ko: '이점' },
  costs: { en: 'Costs you accept', ko: '감수하는 비용' },
  choosePattern: { en: 'Which pattern do you want to generate?', ko: '어떤 패턴으로 생성하시겠습니까?' },
  recommended: { en: 'recommended', ko: '추천' },
  directory: { en: 'Project directory', ko: '프로젝트 디렉터리' },
  services: { en: 'Modules/services (comma-separated)', ko: '모듈/서비스 (쉼표로 구분)' },
} satisfies Record<string, Text>;
