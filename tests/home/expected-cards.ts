/**
 * The home cards each demo persona sees, in order (to-dos first), by card key (the browser's
 * test id is `home-card-<key>`). Read by the unit test (tests/home/cards.test.ts) and the
 * browser test (tests/e2e/home.test.ts), so both hold the same expectation.
 */
import { demoPersonas as P } from '../../emulator/seed/demo-community';

const RESIDENT = ['votes', 'activities', 'my-wishes', 'messages'];
const LEADER = [
  'bindings',
  'wish-review',
  'held',
  'topics',
  'votes',
  'quarter',
  'activities',
  'my-claims',
  'my-wishes',
  'messages',
];

export const expectedCards: Record<string, string[]> = {
  [P.admin]: ['bindings', 'registrations', 'wish-review', 'held', ...RESIDENT],
  [P.estateLeader]: LEADER,
  [P.leader]: LEADER,
  [P.member]: ['votes', 'quarter', 'activities', 'my-claims', 'my-wishes', 'messages'],
  [P.liaison]: ['votes', 'quarter', 'activities', 'my-claims', 'my-wishes', 'unit-registrations', 'messages'],
  [P.resident]: ['topic-review', ...RESIDENT],
  [P.councilChair]: ['topic-review', ...RESIDENT],
  [P.newcomer]: ['my-binding', 'messages'],
  [P.street]: ['street', 'messages'],
  [P.streetAdmin]: ['street', 'messages'],
  [P.gridWorker]: ['grid-grid-1', 'activities', 'messages'],
};
