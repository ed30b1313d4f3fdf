/**
 * What the 代办 tests share: two grids over 幸福里 1号楼 and 2号楼, each with its 网格员, and the
 * resident the proxies act for.
 */
import { aRole, aUser } from '../support/factories';
import { DEMO, type Fixture } from '../support/fixtures';

export const GW = 'grid-worker';
export const FAR_GW = 'far-grid-worker';
export const RESIDENT_ID = 'user-resident';
export const RESIDENT_HH = 'hh-xfl-1-102';

export function seedGrids(f: Fixture): void {
  f.update('buildings', 'bld-xfl-1', { gridId: 'grid-1' });
  f.update('buildings', 'bld-xfl-2', { gridId: 'grid-2' });
  f.insert('users', [
    aUser({ _id: 'user-gw', openid: GW, name: '李网格' }),
    aUser({ _id: 'user-far-gw', openid: FAR_GW, name: '王网格' }),
  ]);
  f.insert('roles', [
    aRole({ kind: 'grid_worker', userId: 'user-gw', communityId: DEMO, gridId: 'grid-1', scopeLabel: '第一网格' }),
    aRole({ kind: 'grid_worker', userId: 'user-far-gw', communityId: DEMO, gridId: 'grid-2', scopeLabel: '第二网格' }),
  ]);
}
