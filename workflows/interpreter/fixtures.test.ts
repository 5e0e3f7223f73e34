import { validateDefinition } from '../validation/validate-definition';
import forEachLines from './fixtures/for-each-lines.json';
import ifBranches from './fixtures/if-branches.json';
import joinAfterLoop from './fixtures/join-after-loop.json';
import joinAny from './fixtures/join-any.json';
import joinDeadPath from './fixtures/join-dead-path.json';
import joinInLoop from './fixtures/join-in-loop.json';
import orderSaga from './fixtures/order-saga.json';
import reworkLoop from './fixtures/rework-loop.json';
import runawayLoop from './fixtures/runaway-loop.json';
import switchRouting from './fixtures/switch-routing.json';

// The interpreter tests run these graphs; they must be definitions that publish would accept.
test.each(
  Object.entries({
    forEachLines,
    ifBranches,
    joinAfterLoop,
    joinAny,
    joinDeadPath,
    joinInLoop,
    orderSaga,
    reworkLoop,
    runawayLoop,
    switchRouting,
  }),
)('fixture %s is a valid definition', (_name, definition) => {
  expect(validateDefinition(definition)).toEqual({ valid: true, errors: [] });
});
