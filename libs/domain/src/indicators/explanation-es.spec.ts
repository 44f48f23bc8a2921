import { explainPeriod } from './explanation-es';
import { practiceFrom } from './practice';

describe('explanations in Spanish', () => {
  const at = (informative: number, collaborative: number, cooperative: number, joint: number) =>
    practiceFrom('2024-Q1', { informative, collaborative, cooperative }, joint);

  it('say the same as the English sentence, level by level', () => {
    expect(explainPeriod(at(0, 0, 0, 0), 'es')).toBe(
      'Sin minutos de sesión en este período, por lo que no tiene nivel.',
    );
    expect(explainPeriod(at(20, 30, 50, 2), 'es')).toBe(
      'Cooperativo: el 50 % de 100 minutos fue cooperativo (≥ 40 %) y 2 acciones conjuntas involucraron a dos o más escuelas.',
    );
    expect(explainPeriod(at(40, 45, 15, 0), 'es')).toBe(
      'Colaborativo: el 60 % de 100 minutos fue colaborativo o cooperativo (≥ 50 %); no es cooperativo porque ' +
        'solo el 15 % fue cooperativo (se requiere el 40 %) y ninguna acción conjunta involucró a dos o más escuelas.',
    );
    expect(explainPeriod(at(50, 25, 5, 1), 'es')).toBe(
      'Informativo: solo el 37,5 % de 80 minutos fue colaborativo o cooperativo; colaborativo requiere el 50 %.',
    );
  });

  it('in English is the sentence the trajectory stores', () => {
    for (const p of [at(0, 0, 0, 0), at(20, 30, 50, 2), at(40, 45, 15, 0), at(50, 25, 5, 1)])
      expect(explainPeriod(p, 'en')).toBe(p.explanation);
  });
});
