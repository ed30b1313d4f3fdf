/**
 * From a table of rows to a plan of writes, checking every row and collecting every error.
 * Invariants: the header row is the first non-blank row and names the columns 小区, 楼栋, 房号,
 * 建筑面积 (党员中心户 optional; a header may carry a unit, e.g. "建筑面积（㎡）"); estates and
 * buildings are matched by name within the community and never created; room and floor area
 * follow the same rules as saveHousehold; a room twice in the file is an error on the later
 * row; an existing room is updated (area and flag), and left alone when nothing changes; the
 * optional 网格 column names the building's grid (matched by name within the community, and
 * created when there is none of that name): every building in exactly one grid, so one building
 * named with two different grids is an error on the later row; an empty cell leaves the
 * building's grid as it is.
 * Pure: no database access, so it is tested and reasoned about on its own.
 */
import { FloorArea, Room } from '../../../../types/org';
import type { ImportColumn, ImportRowError } from '../../../../types/import-file';
import type { BuildingDoc, EstateDoc, GridDoc, HouseholdDoc } from '../../../_shared/documents';
import type { TableRow } from './read-table';

export type RowError = ImportRowError;

export interface HouseholdUpdate {
  before: HouseholdDoc;
  floorArea: number;
  isPartyCenter: boolean;
}

/** A building whose grid the import changes. */
export interface GridAssignment {
  buildingId: string;
  /** Its grid before the import (null: none). */
  before: string | null;
  gridName: string;
  /** The existing grid of that name; null for a grid the import creates. */
  gridId: string | null;
}

export interface ImportPlan {
  /** Data rows read (without the header). */
  rows: number;
  errors: RowError[];
  creates: Array<Omit<HouseholdDoc, '_id' | 'createdAt' | 'updatedAt'>>;
  updates: HouseholdUpdate[];
  /** Grids the 网格 column names that the community does not have yet, by name in file order. */
  gridCreates: Array<Pick<GridDoc, 'communityId' | 'name'>>;
  gridAssignments: GridAssignment[];
}

export interface Reference {
  estates: EstateDoc[];
  buildings: BuildingDoc[];
  households: HouseholdDoc[];
  /** The community's grids (absent: none). */
  grids?: GridDoc[];
}

/** A grid name in the file: the same rule as saveGrid's. */
const GRID_NAME_MAX = 20;

const COLUMNS = {
  estate: '小区',
  building: '楼栋',
  room: '房号',
  area: '建筑面积',
  flag: '党员中心户',
  grid: '网格',
} as const satisfies Record<string, ImportColumn>;
type Column = keyof typeof COLUMNS;

/** Column indexes from the header, or errors for the missing required ones. */
export function readHeader(header: TableRow): { columns: Partial<Record<Column, number>>; errors: RowError[] } {
  const columns: Partial<Record<Column, number>> = {};
  for (const [key, title] of Object.entries(COLUMNS) as Array<[Column, string]>) {
    const index = header.cells.findIndex((cell) => cell.replace(/\s/g, '').startsWith(title));
    if (index >= 0) columns[key] = index;
  }
  const errors = (['estate', 'building', 'room', 'area'] as const)
    .filter((key) => columns[key] === undefined)
    .map((key) => ({ row: header.row, field: COLUMNS[key], message: `表头缺少“${COLUMNS[key]}”列` }));
  return { columns, errors };
}

function parseArea(text: string): { value?: number; error?: string } {
  if (text === '') return { error: '请填写建筑面积' };
  const cleaned = text.replace(/[,，\s]/g, '').replace(/(m²|m2|㎡|平方米|平米)$/i, '');
  const value = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(value)) return { error: `建筑面积“${text}”不是数字，例如 89.5` };
  const checked = FloorArea.safeParse(value);
  return checked.success ? { value: checked.data } : { error: checked.error.issues[0]?.message ?? '建筑面积不正确' };
}

function parseFlag(text: string): { value?: boolean; error?: string } {
  if (text === '' || text === '否') return { value: false };
  if (text === '是') return { value: true };
  return { error: `党员中心户请填写“是”或“否”（不是“${text}”）` };
}

export function planImport(communityId: string, table: TableRow[], ref: Reference): ImportPlan {
  const [header, ...data] = table;
  const plan: ImportPlan = {
    rows: data.length,
    errors: [],
    creates: [],
    updates: [],
    gridCreates: [],
    gridAssignments: [],
  };
  if (!header) {
    plan.errors.push({ row: 1, field: null, message: '文件中没有内容' });
    return plan;
  }
  const { columns, errors } = readHeader(header);
  if (errors.length > 0) {
    plan.errors.push(...errors);
    return plan;
  }
  if (data.length === 0) plan.errors.push({ row: header.row + 1, field: null, message: '表头下没有住户数据' });

  const estateByName = new Map(ref.estates.map((e) => [e.name, e]));
  const buildingByKey = new Map(ref.buildings.map((b) => [`${b.estateId}\u0000${b.name}`, b]));
  const householdByKey = new Map(ref.households.map((h) => [`${h.buildingId}\u0000${h.room}`, h]));
  const firstRowOf = new Map<string, number>();
  /** The grid each building is named with, and the row that first named it. */
  const gridOf = new Map<string, { name: string; row: number; building: BuildingDoc }>();
  const cell = (r: TableRow, c: Column) => (columns[c] === undefined ? '' : (r.cells[columns[c]!] ?? ''));

  for (const r of data) {
    const fail = (field: ImportColumn, message: string) => plan.errors.push({ row: r.row, field, message });
    const estateName = cell(r, 'estate');
    const buildingName = cell(r, 'building');
    const estate = estateByName.get(estateName);
    const building = estate && buildingByKey.get(`${estate._id}\u0000${buildingName}`);
    if (!estateName) fail('小区', '请填写小区');
    else if (!estate) fail('小区', `小区“${estateName}”不存在，请先在组织架构中添加`);
    else if (!buildingName) fail('楼栋', '请填写楼栋');
    else if (!building) fail('楼栋', `${estateName}没有楼栋“${buildingName}”，请先在组织架构中添加`);

    const roomChecked = Room.safeParse(cell(r, 'room'));
    if (!roomChecked.success) fail('房号', roomChecked.error.issues[0]?.message ?? '房号不正确');
    const area = parseArea(cell(r, 'area'));
    if (area.error) fail('建筑面积', area.error);
    const flag = parseFlag(cell(r, 'flag'));
    if (flag.error) fail('党员中心户', flag.error);
    const gridName = cell(r, 'grid').trim();
    if (gridName.length > GRID_NAME_MAX) fail('网格', `网格名称不超过${GRID_NAME_MAX}个字`);
    else if (gridName && building) {
      const named = gridOf.get(building._id);
      if (!named) gridOf.set(building._id, { name: gridName, row: r.row, building });
      else if (named.name !== gridName) {
        fail('网格', `${estateName}${buildingName}在第${named.row}行已划入“${named.name}”，同一楼栋只能属于一个网格`);
      }
    }
    if (!building || !roomChecked.success || area.value === undefined || flag.value === undefined) continue;

    const room = roomChecked.data;
    const key = `${building._id}\u0000${room}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      fail('房号', `房号“${buildingName} ${room}”与第${first}行重复`);
      continue;
    }
    firstRowOf.set(key, r.row);

    const existing = householdByKey.get(key);
    if (!existing) {
      plan.creates.push({
        communityId,
        estateId: building.estateId,
        buildingId: building._id,
        room,
        floorArea: area.value,
        isPartyCenter: flag.value,
      });
    } else if (existing.floorArea !== area.value || existing.isPartyCenter !== flag.value) {
      plan.updates.push({ before: existing, floorArea: area.value, isPartyCenter: flag.value });
    }
  }
  planGrids(communityId, plan, gridOf, ref.grids ?? []);
  return plan;
}

/** The grids to create and the buildings whose grid changes (file order). */
function planGrids(
  communityId: string,
  plan: ImportPlan,
  gridOf: Map<string, { name: string; building: BuildingDoc }>,
  grids: GridDoc[],
): void {
  const gridByName = new Map(grids.map((g) => [g.name, g]));
  for (const { name, building } of gridOf.values()) {
    const existing = gridByName.get(name);
    if (!existing && !plan.gridCreates.some((g) => g.name === name)) plan.gridCreates.push({ communityId, name });
    if (existing && building.gridId === existing._id) continue;
    plan.gridAssignments.push({
      buildingId: building._id,
      before: building.gridId ?? null,
      gridName: name,
      gridId: existing?._id ?? null,
    });
  }
}
