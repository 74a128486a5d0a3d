// A regional coordinator's training work: sending employees to training by the
// head's order (item 9), the kept orders, transfer requests (item 13.2) and
// breaches of the agreement (item 11).
import { area } from "../area.js";
import { breachesScreen } from "./breaches.js";
import { ENROLMENT, enrolment, enrolmentScreens } from "./enrolment.js";
import { headOrdersScreens } from "./head-orders.js";
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
  ],
  enrolmentScreens,
  headOrdersScreens,
  transferScreens,
  transferRejectionScreens,
  breachesScreen,
);
