import { requiredActivityNames } from '../../workflows/interpreter';
import { engineActivityNames } from '../workflows/activity-contract';
import { checkActivityNames } from './activity-check';
import { entityWatchActivityNames } from './entity-watch-activities';
import { createActivities } from '.';

describe('checkActivityNames', () => {
  const db = {
    collection: () => ({}),
  } as unknown as Parameters<typeof createActivities>[0]['db'];
  const provided = Object.keys(createActivities({ db }));

  it('accepts the activities this worker registers', () => {
    expect(() => checkActivityNames(provided)).not.toThrow();
  });

  it('names an I/O node type without an activity', () => {
    expect(() => checkActivityNames(provided.filter((name) => name !== 'http.request'))).toThrow(
      'Worker activity check failed: no activity for http.request',
    );
  });

  it('names an activity no node type or engine code calls', () => {
    expect(() => checkActivityNames([...provided, 'erp.teleport'])).toThrow(
      'Worker activity check failed: activities without a node type: erp.teleport',
    );
  });

  it('registers exactly the registry activities and the engine ones', () => {
    expect(provided.sort()).toEqual(
      [...requiredActivityNames(), ...engineActivityNames, ...entityWatchActivityNames].sort(),
    );
  });
});
