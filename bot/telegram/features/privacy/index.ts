// The person's side of personal data: answering the notice (answer.ts), "🔒 My
// data" (my-data.ts) and a correction request with the coordinator's "Done"
// (correction.ts). The notice itself is ../privacy-notice.ts (the home screen shows it).

import { area } from "../area.js";
import { noticeAnswers } from "./answer.js";
import { CORRECTION_REQUEST, correctionDone, correctionRequest } from "./correction.js";
import { myDataScreens } from "./my-data.js";

export const privacyArea = area(
  [[correctionRequest, CORRECTION_REQUEST]],
  noticeAnswers,
  myDataScreens,
  correctionDone,
);
