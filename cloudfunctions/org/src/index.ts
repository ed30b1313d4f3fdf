/** The `org` cloud function: action name → verb, and the relabel job (copies of names follow a rename). */
import { orgActions } from '../../../types/org';
import { createHandler, defineRoutes } from '../../_shared/handler';
import { assignBuildings } from './assign-buildings';
import { deleteGrid } from './delete-grid';
import { deleteNode } from './delete-node';
import { getGrid } from './get-grid';
import { getTree } from './get-tree';
import { importHouseholds } from './import-households';
import { listCommunities } from './list-communities';
import { listHouseholds } from './list-households';
import { relabelJob } from './relabel-copies';
import { saveBuilding } from './save-building';
import { saveEstate } from './save-estate';
import { saveGrid } from './save-grid';
import { saveHousehold } from './save-household';
import { saveWorkUnit } from './save-work-unit';
import { updateCommunity } from './update-community';

export const routes = defineRoutes(orgActions, {
  listCommunities,
  getTree,
  listHouseholds,
  updateCommunity,
  saveEstate,
  saveBuilding,
  saveHousehold,
  deleteNode,
  saveWorkUnit,
  saveGrid,
  deleteGrid,
  assignBuildings,
  getGrid,
  importHouseholds,
});
export const main = createHandler('org', routes, { timers: { relabel: relabelJob } });
