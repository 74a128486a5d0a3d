// The regional coordinator's tables: the district lists board and the consolidated
// list (items 7, 8), enrolment by the head's order (item 9), transfer requests
// (item 13.2). Every id in a path or a body is checked against the grant's region.
import type { WebRoute } from "../web-route.js";
import type { RegionGrant } from "./region-common.js";
import { REGION_ENROLMENT_ROUTES } from "./region-enrolment.js";
import { REGION_LIST_ROUTES } from "./region-lists.js";
import { REGION_TRANSFER_ROUTES } from "./region-transfers.js";

export const REGION_ROUTES: WebRoute<RegionGrant>[] = [
  ...REGION_LIST_ROUTES,
  ...REGION_ENROLMENT_ROUTES,
  ...REGION_TRANSFER_ROUTES,
];
