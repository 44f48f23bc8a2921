import { AsOf, DateBound } from '../common/analysis-query.decorators';

export class CollaborationQuery {
  @DateBound('first real-world date of the range (default: registeredOn)', '2019-03-01')
  from?: string;

  @DateBound(
    'last real-world date of the range (default: the latest fact); metrics are over the members on this date',
    '2019-12-31',
  )
  to?: string;

  @AsOf()
  asOf?: string;
}
