/**
 * The `org` area: the organisation as data — 街道 street → 社区 community → 小区 estate (with its
 * Party branch) → 楼栋 building (with its Party group) → 户 household; each community's three
 * councils (三会) and its registered work units (报到单位). Read by everyone in the community
 * (to choose a room when binding); edited only by the community's admins.
 */
import { z } from 'zod';
import { COUNCIL_KINDS } from './labels/org';
import { STEPS } from './labels/deliberation';
import { WISH_STATES } from './labels/wish';
import { Id, IsoTime } from './common';
import type { ImportHouseholdsResult as ImportFileResult } from './import-file';

// The values and labels live in a zod-free module the app imports (docs/adr/0021).
export { councilKindLabels } from './labels/org';

const Title = (what: string, max = 30) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过${max}个字`);

export const CouncilKind = z.enum(COUNCIL_KINDS);
export type CouncilKind = z.infer<typeof CouncilKind>;

export const Community = z.object({
  id: Id,
  streetId: Id,
  streetName: z.string(),
  name: z.string(),
  address: z.string(),
});
export type Community = z.infer<typeof Community>;

/** What every node below a community has: its id, its community and its name. */
const InCommunity = z.object({ id: Id, communityId: Id, name: z.string() });

export const Estate = InCommunity.extend({
  /** 小区党支部 name, e.g. "幸福里小区党支部". */
  partyBranchName: z.string(),
});
export type Estate = z.infer<typeof Estate>;

export const Building = InCommunity.extend({
  estateId: Id,
  /** 楼栋党小组 name. */
  partyGroupName: z.string(),
  /** Its 网格; null for a building not yet assigned to one (shown under "未划分网格"). */
  gridId: Id.nullable(),
});
export type Building = z.infer<typeof Building>;

/** A 网格 (grid): a named set of the community's buildings (each building is in exactly one). */
export const Grid = InCommunity.extend({
  /** Its buildings' ids, in the tree's order. */
  buildingIds: z.array(Id),
});
export type Grid = z.infer<typeof Grid>;
export type { GridDoc } from './documents';

/** A household as the public sees it: no occupants, no floor area. */
export const HouseholdPublic = z.object({
  id: Id,
  buildingId: Id,
  room: z.string(),
});
export type HouseholdPublic = z.infer<typeof HouseholdPublic>;

/** A household as its community's admins and building leaders see it. */
export const Household = HouseholdPublic.extend({
  communityId: Id,
  estateId: Id,
  /** Floor area in m², used for area-weighted votes. */
  floorArea: z.number(),
  /** 党员中心户 */
  isPartyCenter: z.boolean(),
});
export type Household = z.infer<typeof Household>;

export const Council = InCommunity.extend({ kind: CouncilKind });
export type Council = z.infer<typeof Council>;

export const WorkUnit = InCommunity.extend({
  /** The unit's own Party organisation, e.g. "市税务局机关党委". */
  partyOrgName: z.string(),
  contactPhone: z.string().nullable().describe('masked unless the caller is an admin of the community'),
  liaisonUserId: Id.nullable(),
  liaisonName: z.string().nullable(),
});
export type WorkUnit = z.infer<typeof WorkUnit>;

// ---- inputs -------------------------------------------------------------------------------

export const GetOrgTreeInput = z.object({ communityId: Id }).strict();
export type GetOrgTreeInput = z.infer<typeof GetOrgTreeInput>;
export const OrgTree = z.object({
  community: Community,
  estates: z.array(Estate.extend({ buildings: z.array(Building.extend({ householdCount: z.number().int() })) })),
  /** The community's grids in creation order; a building not in any of them has `gridId` null. */
  grids: z.array(Grid),
  councils: z.array(Council),
  workUnits: z.array(WorkUnit),
});
export type OrgTree = z.infer<typeof OrgTree>;

export const ListCommunitiesInput = z.object({}).strict();
export type ListCommunitiesInput = z.infer<typeof ListCommunitiesInput>;
export const ListCommunitiesResult = z.object({ items: z.array(Community) });
export type ListCommunitiesResult = z.infer<typeof ListCommunitiesResult>;

export const ListHouseholdsInput = z.object({ buildingId: Id }).strict();
export type ListHouseholdsInput = z.infer<typeof ListHouseholdsInput>;
export const ListHouseholdsResult = z.object({
  /** Households of the building ordered by room; full details only for admins and its leaders. */
  items: z.array(z.union([Household, HouseholdPublic])),
});
export type ListHouseholdsResult = z.infer<typeof ListHouseholdsResult>;

export const UpdateCommunityInput = z
  .object({ communityId: Id, name: Title('社区名称'), address: Title('地址', 100) })
  .strict();
export type UpdateCommunityInput = z.infer<typeof UpdateCommunityInput>;

export const SaveEstateInput = z
  .object({
    communityId: Id,
    /** Absent to create. */
    estateId: Id.optional(),
    name: Title('小区名称'),
    partyBranchName: Title('党支部名称', 40),
  })
  .strict();
export type SaveEstateInput = z.infer<typeof SaveEstateInput>;

export const SaveBuildingInput = z
  .object({
    estateId: Id,
    buildingId: Id.optional(),
    name: Title('楼栋名称', 20),
    partyGroupName: Title('党小组名称', 40),
    /** The 网格 the building is put in (a grid of the same community); absent: unchanged (a new building: none). */
    gridId: Id.optional(),
  })
  .strict();
export type SaveBuildingInput = z.infer<typeof SaveBuildingInput>;

export const Room = z
  .string()
  .trim()
  .min(1, '请填写房号')
  .max(20, '房号不超过20个字')
  .regex(/^[0-9A-Za-z\-]+$/, '房号只能包含数字、字母和“-”，例如 2-301');
export const FloorArea = z
  .number({ message: '请填写建筑面积' })
  .positive('建筑面积必须大于0')
  .max(2000, '建筑面积不超过2000平方米');

export const SaveHouseholdInput = z
  .object({
    buildingId: Id,
    householdId: Id.optional(),
    room: Room,
    floorArea: FloorArea,
    isPartyCenter: z.boolean().default(false),
  })
  .strict();
export type SaveHouseholdInput = z.infer<typeof SaveHouseholdInput>;

export const DeleteNodeInput = z.object({ kind: z.enum(['estate', 'building', 'household']), id: Id }).strict();
export type DeleteNodeInput = z.infer<typeof DeleteNodeInput>;

export const SaveWorkUnitInput = z
  .object({
    communityId: Id,
    workUnitId: Id.optional(),
    name: Title('单位名称', 40),
    partyOrgName: Title('单位党组织名称', 40),
    contactPhone: z
      .string()
      .trim()
      .regex(/^[0-9\-]{7,20}$/, '请输入正确的联系电话'),
    /** The person who becomes the unit's liaison (联络员); null for none yet. */
    liaisonUserId: Id.nullable(),
  })
  .strict();
export type SaveWorkUnitInput = z.infer<typeof SaveWorkUnitInput>;

/**
 * Households from a spreadsheet the app uploaded to cloud storage (`imports/<yyyymmdd>/…`, see
 * types/import-file.ts): columns 小区, 楼栋, 房号, 建筑面积, 党员中心户 (是/否), 网格 (optional: the
 * building's grid, created when the community has none of that name); xlsx, or csv in UTF-8
 * (with or without BOM) or GBK/GB18030.
 */
export const ImportHouseholdsInput = z
  .object({
    communityId: Id,
    /** The `cloud://…/imports/<yyyymmdd>/<random>.csv|xlsx` file id from the upload. */
    fileID: z.string().trim().min(1, '请先上传文件').max(300, '文件地址不正确'),
    /** true: check only, write nothing (the file is kept for the import that follows). */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type ImportHouseholdsInput = z.infer<typeof ImportHouseholdsInput>;
const ImportColumnSchema = z.enum(['小区', '楼栋', '房号', '建筑面积', '党员中心户', '网格']);
export const ImportHouseholdsResult: z.ZodType<ImportFileResult> = z.object({
  /** Rows read (without the header). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** All row errors; when > 0 nothing was written. */
  errorCount: z.number().int(),
  /** The first 200 row errors. Row numbers are 1-based spreadsheet rows (header = 1). */
  errors: z.array(z.object({ row: z.number().int(), field: ImportColumnSchema.nullable(), message: z.string() })),
  encoding: z.enum(['utf-8', 'gb18030', 'xlsx']),
});
export type ImportHouseholdsResult = ImportFileResult;

export const SaveGridInput = z
  .object({
    communityId: Id,
    /** Absent to create. */
    gridId: Id.optional(),
    name: Title('网格名称', 20),
  })
  .strict();
export type SaveGridInput = z.infer<typeof SaveGridInput>;

export const DeleteGridInput = z.object({ gridId: Id }).strict();
export type DeleteGridInput = z.infer<typeof DeleteGridInput>;

export const AssignBuildingsInput = z
  .object({
    gridId: Id,
    /** The buildings to put in this grid (each leaves the grid it was in). */
    buildingIds: z.array(Id).min(1, '请选择楼栋').max(200, '一次最多划分200栋楼'),
  })
  .strict();
export type AssignBuildingsInput = z.infer<typeof AssignBuildingsInput>;

export const GetGridInput = z.object({ gridId: Id }).strict();
export type GetGridInput = z.infer<typeof GetGridInput>;
/** A resident of the grid as its 网格员 sees them: full name and phone (inside the grid only). */
export const GridResident = z.object({
  userId: Id,
  name: z.string(),
  phone: z.string().nullable(),
  householdId: Id,
  /** "幸福里小区 · 1号楼 · 1-102" */
  householdLabel: z.string(),
});
export type GridResident = z.infer<typeof GridResident>;
export const GridWish = z.object({
  id: Id,
  title: z.string(),
  state: z.enum(WISH_STATES),
  posterName: z.string(),
  householdLabel: z.string(),
  createdAt: IsoTime,
});
export type GridWish = z.infer<typeof GridWish>;
export const GridTopic = z.object({
  id: Id,
  title: z.string(),
  step: z.enum(STEPS),
  scopeLabel: z.string(),
});
export type GridTopic = z.infer<typeof GridTopic>;
/** What a 网格员 looks after: the grid's buildings, households, residents and its open work. */
export const GridDesk = z.object({
  grid: Grid,
  buildings: z.array(Building.extend({ estateName: z.string(), householdCount: z.number().int() })),
  households: z.array(Household),
  /** Residents by household label, then name. */
  residents: z.array(GridResident),
  /** Wishes of the grid's households that are not finished (待审核, 已发布, 已认领, 已完成待确认), newest first. */
  openWishes: z.array(GridWish),
  /** Topics in progress (not archived or ended) of an estate or building of the grid, newest first. */
  topics: z.array(GridTopic),
});
export type GridDesk = z.infer<typeof GridDesk>;

export const Saved = z.object({ id: Id, updatedAt: IsoTime });
export type Saved = z.infer<typeof Saved>;
export const Deleted = z.object({ id: Id });
export type Deleted = z.infer<typeof Deleted>;

export const orgActions = {
  listCommunities: {
    summary: 'Lists every community (for choosing where to bind). Needs a login.',
    input: ListCommunitiesInput,
    result: ListCommunitiesResult,
    refusals: {},
  },
  getTree: {
    summary: "A community's estates, buildings (with household counts), councils and work units.",
    input: GetOrgTreeInput,
    result: OrgTree,
    refusals: {
      'org.community-not-found': 'NOT_FOUND',
    },
  },
  listHouseholds: {
    summary: "A building's households by room; floor area and 党员中心户 only for its admins and leaders.",
    input: ListHouseholdsInput,
    result: ListHouseholdsResult,
    refusals: {
      'org.building-not-found': 'NOT_FOUND',
    },
  },
  updateCommunity: {
    summary: 'Renames a community or changes its address. Community admins only; audited.',
    input: UpdateCommunityInput,
    result: Saved,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.community-not-found': 'NOT_FOUND',
    },
  },
  saveEstate: {
    summary: 'Creates or edits an estate (小区) and its Party branch name. Admins only; audited.',
    input: SaveEstateInput,
    result: Saved,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.community-mismatch': 'VALIDATION',
      'org.community-not-found': 'NOT_FOUND',
      'org.duplicate-estate': 'CONFLICT',
      'org.estate-not-found': 'NOT_FOUND',
    },
  },
  saveBuilding: {
    summary:
      'Creates or edits a building (楼栋), its Party group name and (optionally) its 网格 (a grid of the same community). Admins only; audited.',
    input: SaveBuildingInput,
    result: Saved,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.building-not-found': 'NOT_FOUND',
      'org.duplicate-building': 'CONFLICT',
      'org.estate-not-found': 'NOT_FOUND',
      'org.grid-not-found': 'NOT_FOUND',
      'org.move-not-supported': 'VALIDATION',
    },
  },
  saveHousehold: {
    summary: 'Creates or edits a household (户): room, floor area, 党员中心户. Admins only; audited.',
    input: SaveHouseholdInput,
    result: Saved,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.building-not-found': 'NOT_FOUND',
      'org.duplicate-room': 'CONFLICT',
      'org.household-not-found': 'NOT_FOUND',
      'org.move-not-supported': 'VALIDATION',
    },
  },
  deleteNode: {
    summary:
      'Deletes an estate, building or household that has nothing under it and no residents. Admins only; audited.',
    input: DeleteNodeInput,
    result: Deleted,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.building-not-empty': 'PRECONDITION_FAILED',
      'org.building-not-found': 'NOT_FOUND',
      'org.estate-not-empty': 'PRECONDITION_FAILED',
      'org.estate-not-found': 'NOT_FOUND',
      'org.household-has-pending-binding': 'PRECONDITION_FAILED',
      'org.household-has-residents': 'PRECONDITION_FAILED',
      'org.household-not-found': 'NOT_FOUND',
      'org.node-has-roles': 'PRECONDITION_FAILED',
    },
  },
  saveWorkUnit: {
    summary:
      'Registers or edits a work unit (报到单位) and sets its liaison (grants the liaison role). Admins only; audited.',
    input: SaveWorkUnitInput,
    result: Saved,
    refusals: {
      'role.self-grant': 'FORBIDDEN',
      'auth.not-admin': 'FORBIDDEN',
      'org.community-mismatch': 'VALIDATION',
      'org.community-not-found': 'NOT_FOUND',
      'org.duplicate-work-unit': 'CONFLICT',
      'org.liaison-not-found': 'NOT_FOUND',
      'org.work-unit-not-found': 'NOT_FOUND',
    },
  },
  saveGrid: {
    summary: 'Creates or renames a 网格 (grid) of a community. Admins only; audited.',
    input: SaveGridInput,
    result: Saved,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.community-mismatch': 'VALIDATION',
      'org.community-not-found': 'NOT_FOUND',
      'org.duplicate-grid': 'CONFLICT',
      'org.grid-not-found': 'NOT_FOUND',
    },
  },
  deleteGrid: {
    summary: 'Deletes a grid that has no buildings and no 网格员 or 网格长. Admins only; audited.',
    input: DeleteGridInput,
    result: Deleted,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.grid-has-roles': 'PRECONDITION_FAILED',
      'org.grid-not-empty': 'PRECONDITION_FAILED',
      'org.grid-not-found': 'NOT_FOUND',
    },
  },
  assignBuildings: {
    summary: 'Puts buildings of the community into a grid (each leaves the grid it was in). Admins only; audited.',
    input: AssignBuildingsInput,
    result: Saved,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.building-not-found': 'NOT_FOUND',
      'org.community-mismatch': 'VALIDATION',
      'org.grid-not-found': 'NOT_FOUND',
    },
  },
  getGrid: {
    summary:
      "A grid's buildings, households, residents (phones in full), open wishes and topics in progress. Its 网格员 and 网格长, and the community's admins.",
    input: GetGridInput,
    result: GridDesk,
    refusals: {
      'org.grid-not-found': 'NOT_FOUND',
      'org.not-grid-worker': 'FORBIDDEN',
    },
  },
  importHouseholds: {
    summary:
      'Imports households from an uploaded csv/xlsx (fileID under imports/): all rows or none, errors by row; a retry finishes a crashed import. Admins only; audited.',
    input: ImportHouseholdsInput,
    result: ImportHouseholdsResult,
    refusals: {
      'auth.not-admin': 'FORBIDDEN',
      'org.community-not-found': 'NOT_FOUND',
      'org.import-conflict': 'CONFLICT',
      'org.import-file-missing': 'NOT_FOUND',
      'org.import-file-other-community': 'FORBIDDEN',
      'org.import-file-path': 'VALIDATION',
      'org.import-file-too-large': 'LIMIT_EXCEEDED',
      'org.import-rollback-failed': 'INTERNAL',
      'org.import-too-many-rows': 'LIMIT_EXCEEDED',
      'org.import-unreadable': 'VALIDATION',
    },
  },
} as const;
