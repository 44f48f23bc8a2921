import type { PracticeCategory } from '@indaga/domain';
import type { ViewQuery } from '../../view-query';
import { overviewLineQuery } from './overview-line.query';

export interface NetworkListItem {
  name: string | null;
  region: string | null;
  schools: number;
  /** The level of the latest quarter that has one. */
  currentLevel: PracticeCategory | null;
}

/** GET /v1/networks: one network's item, from its quarterly overview line. */
export const networkListQuery: ViewQuery<void, NetworkListItem> = {
  parts: () => overviewLineQuery.parts('quarter'),
  answer: (parts) => {
    const { name, region, schools, level } = overviewLineQuery.answer(parts, 'quarter');
    return { name, region, schools, currentLevel: level };
  },
};
