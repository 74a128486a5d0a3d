// A regional coordinator's training work: sending employees to training by the
// head's order (item 9), the kept orders and their amending orders, transfer
// requests decided by order (items 9, 13.2) and breaches of the agreement (item 11).
import { area } from "../area.js";
import { breachesScreen } from "./breaches.js";
import { ENROLMENT, enrolment, enrolmentScreens } from "./enrolment.js";
import {
  HEAD_ORDER_AMENDMENT,
  headOrderAmendment,
  headOrderAmendmentScreens,
} from "./head-order-amendment.js";
import { headOrdersScreens } from "./head-orders.js";
import {
  TRANSFER_APPROVAL,
  transferApproval,
  transferApprovalScreens,
} from "./transfer-approval.js";
import {
  TRANSFER_REJECTION,
  transferRejection,
  transferRejectionScreens,
} from "./transfer-rejection.js";
import { transferScreens } from "./transfers.js";

export const regionFeature = area(
  [
    [enrolment, ENROLMENT],
    [transferRejection, TRANSFER_REJECTION],
    [transferApproval, TRANSFER_APPROVAL],
    [headOrderAmendment, HEAD_ORDER_AMENDMENT],
  ],
  enrolmentScreens,
  headOrdersScreens,
  transferScreens,
  transferRejectionScreens,
  transferApprovalScreens,
  headOrderAmendmentScreens,
  breachesScreen,
);
